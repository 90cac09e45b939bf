use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::sleep;

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let (tx, mut rx) = mpsc::channel::<u64>(8);
    let receiver = tokio::spawn(async move {
        let mut received = Vec::new();
        while let Some(n) = rx.recv().await {
            received.push(n);
        }
        received
    });
    for n in 1..=3 {
        let tx = tx.clone();
        tokio::spawn(async move {
            sleep(Duration::from_millis(n * 100)).await;
            tx.send(n).await.unwrap();
        });
    }
    sleep(Duration::from_millis(150)).await;
    drop(tx);
    println!("dropped tx");
    println!("received {:?}", receiver.await.unwrap());
}
