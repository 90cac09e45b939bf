use std::time::Duration;
use tokio::time::{sleep, timeout};

async fn slow() -> u32 {
    println!("slow starts");
    sleep(Duration::from_millis(500)).await;
    println!("slow done");
    1
}

#[tokio::main]
async fn main() {
    match timeout(Duration::from_millis(100), slow()).await {
        Ok(n) => println!("got {n}"),
        Err(_) => println!("timed out"),
    }
    sleep(Duration::from_millis(700)).await;
    println!("end");
}
