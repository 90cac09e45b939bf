use std::time::Duration;
use tokio::time::sleep;

async fn job(name: &'static str, ms: u64) -> &'static str {
    sleep(Duration::from_millis(ms)).await;
    println!("{name} finished");
    name
}

#[tokio::main]
async fn main() {
    let winner = tokio::select! {
        name = job("fast", 100) => name,
        name = job("slow", 400) => name,
    };
    println!("winner: {winner}");
    sleep(Duration::from_millis(600)).await;
    println!("end");
}
