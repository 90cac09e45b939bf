use std::pin::pin;
use tokio::time::{Duration, sleep};

async fn operation() -> u32 {
    println!("operation starts");
    sleep(Duration::from_millis(200)).await;
    println!("operation ends");
    7
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut op = pin!(operation());
    tokio::select! {
        n = &mut op => println!("operation won: {n}"),
        _ = sleep(Duration::from_millis(20)) => println!("timer won"),
    }
    println!("then: {}", op.await);
}
