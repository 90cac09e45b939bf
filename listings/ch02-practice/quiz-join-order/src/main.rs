use std::time::Duration;

async fn step(name: &str, ms: u64) {
    println!("{name} starts");
    tokio::time::sleep(Duration::from_millis(ms)).await;
    println!("{name} ends");
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    tokio::join!(biased; step("a", 100), step("b", 100));
    println!("both done");
}
