use std::time::Duration;
use tokio::sync::mpsc;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (tx, mut rx) = mpsc::channel::<u32>(8);
    let tx2 = tx.clone();
    tokio::spawn(async move {
        tx.send(1).await.unwrap();
        tx.send(2).await.unwrap();
    });
    let collected = tokio::time::timeout(Duration::from_millis(100), async {
        let mut collected = Vec::new();
        while let Some(n) = rx.recv().await {
            collected.push(n);
        }
        collected
    })
    .await;
    match collected {
        Ok(all) => println!("the channel closed after {all:?}"),
        Err(_) => println!("still waiting after 100 ms"),
    }
    drop(tx2);
}
