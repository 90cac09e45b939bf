use tokio::sync::mpsc;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (tx, mut rx) = mpsc::channel(1);
    let producer = tokio::spawn(async move {
        for n in 1..=3 {
            tx.send(n).await.unwrap();
            println!("sent {n}");
        }
    });
    while let Some(n) = rx.recv().await {
        println!("got {n}");
    }
    producer.await.unwrap();
    println!("closed");
}
