use std::time::Duration;

async fn ping() -> u32 {
    let counter = tokio::sync::Mutex::new(41);
    *counter.lock().await += 1;
    let (tx, rx) = tokio::sync::oneshot::channel();
    tx.send(*counter.lock().await).unwrap();
    rx.await.unwrap()
}

async fn nap() {
    tokio::time::sleep(Duration::from_millis(1)).await;
}

fn main() {
    println!("ping: {}", futures::executor::block_on(ping()));
    println!("nap starts");
    futures::executor::block_on(nap());
    println!("nap done");
}
