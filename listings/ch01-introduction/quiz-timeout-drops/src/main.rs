use std::time::Duration;
use tokio::time::sleep;

async fn slow() -> u32 {
    println!("slow starts");
    sleep(Duration::from_millis(300)).await;
    println!("slow done");
    1
}

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    tokio::select! {
        n = slow() => println!("got {n}"),
        _ = sleep(Duration::from_millis(100)) => println!("timed out"),
    }
    sleep(Duration::from_millis(400)).await;
    println!("end");
}
