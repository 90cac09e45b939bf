use std::time::{Duration, Instant};

async fn wait(name: &str, ms: u64) {
    println!("{name} starts");
    tokio::time::sleep(Duration::from_millis(ms)).await;
    println!("{name} done");
}

#[tokio::main]
async fn main() {
    let start = Instant::now();
    wait("a", 300).await;
    wait("b", 300).await;
    if start.elapsed() >= Duration::from_millis(600) {
        println!("600 ms or more");
    } else {
        println!("less than 600 ms");
    }
}
