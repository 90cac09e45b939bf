use std::time::Duration;

async fn say_after(word: &str, ms: u64) {
    tokio::time::sleep(Duration::from_millis(ms)).await;
    println!("{word}");
}

#[tokio::main]
async fn main() {
    tokio::join!(say_after("world", 400), say_after("hello", 100));
    println!("both printed");
}
