use std::time::Duration;

async fn step(name: &str, ms: u64) {
    println!("{name} starts");
    tokio::time::sleep(Duration::from_millis(ms)).await;
    println!("{name} ends");
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    tokio::join!(biased; step("a", 800), step("b", 100));
    println!("both done");
}
