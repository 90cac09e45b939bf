use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Mutex;
use tokio::time::{Instant, sleep};

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now();
    let lock = Arc::new(Mutex::new(()));
    let mut tasks = Vec::new();
    for name in ["a", "b"] {
        let lock = Arc::clone(&lock);
        tasks.push(tokio::spawn(async move {
            let _guard = lock.lock().await;
            sleep(Duration::from_millis(100)).await;
            println!("{name} done at {} ms", start.elapsed().as_millis());
        }));
    }
    tasks.push(tokio::spawn(async move {
        println!("c runs at {} ms", start.elapsed().as_millis());
    }));
    for task in tasks {
        task.await.unwrap();
    }
}
