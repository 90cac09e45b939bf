// ANCHOR: all
use tokio::task;
use tokio::time::{Duration, sleep};

#[tokio::main]
async fn main() {
    let handle = task::spawn(async {
        sleep(Duration::from_secs(1)).await;
        "task result"
    });

    println!("Task spawned, doing other work...");

    // Wait for the task to complete
    let result = handle.await.unwrap();
    println!("Task returned: {}", result);
}
// ANCHOR_END: all
