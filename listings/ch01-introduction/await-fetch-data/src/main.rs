// ANCHOR: all
use tokio::time::{Duration, sleep};

async fn fetch_data() -> String {
    sleep(Duration::from_millis(300)).await; // stands in for a network request
    String::from("data")
}

async fn process() {
    let data = fetch_data().await; // Wait for fetch_data to complete
    println!("Got: {}", data);
}

#[tokio::main]
async fn main() {
    process().await;
}
// ANCHOR_END: all
