use tokio::sync::mpsc;

fn offer(tx: &mpsc::Sender<u32>, n: u32) {
    match tx.try_send(n) {
        Ok(()) => println!("sent {n}"),
        Err(_) => println!("refused {n}"),
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (tx, mut rx) = mpsc::channel(2);
    for n in 1..=3 {
        offer(&tx, n);
    }
    println!("got {:?}", rx.recv().await);
    offer(&tx, 4);
    drop(tx);
    while let Some(n) = rx.recv().await {
        println!("got {n}");
    }
    println!("closed");
}
