#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    for i in 1..=300 {
        tx.send(i).unwrap();
    }
    drop(tx);

    let other = tokio::spawn(async { println!("the other task runs") });
    while let Some(i) = rx.recv().await {
        if i % 100 == 0 {
            println!("received {i}");
        }
    }
    other.await.unwrap();
}
