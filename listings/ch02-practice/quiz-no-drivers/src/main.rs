use tokio::runtime::Builder;
use tokio::time::{Duration, sleep};

fn main() {
    let runtime = Builder::new_current_thread().build().unwrap();
    runtime.block_on(async {
        tokio::fs::write("quiz.txt", "hello").await.unwrap();
        tokio::fs::remove_file("quiz.txt").await.unwrap();
        println!("wrote and removed a file");
        sleep(Duration::from_millis(10)).await;
        println!("slept");
    });
}
