use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Mutex;
use tokio::time::{Instant, sleep};

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now();
    let lock = Arc::new(Mutex::new(()));
    let mut tasks = Vec::new();
    for (name, asks_at) in [("a", 10), ("b", 60), ("c", 30)] {
        let lock = Arc::clone(&lock);
        tasks.push(tokio::spawn(async move {
            sleep(Duration::from_millis(asks_at)).await;
            let _guard = lock.lock().await;
            println!("{name} has the lock at {} ms", start.elapsed().as_millis());
            sleep(Duration::from_millis(100)).await;
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
}
