// ANCHOR: all
use tokio::time::{Duration, sleep};

async fn say_hello() {
    println!("Hello");
    sleep(Duration::from_secs(1)).await;
    println!("World");
}

// No `#[tokio::main]`: nothing would poll the future `main` returns.
async fn main() {
    say_hello().await;
}
// ANCHOR_END: all
