// ANCHOR: all
use tokio::time::{Duration, sleep};

#[tokio::main]
async fn main() {
    println!("Starting...");

    // Sleep without blocking the thread
    sleep(Duration::from_secs(1)).await;

    println!("Done!");
}
// ANCHOR_END: all
