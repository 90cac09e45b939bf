use tokio::sync::broadcast;

#[tokio::main]
async fn main() {
    let (tx, mut rx) = broadcast::channel(4);
    for n in 1..=6 {
        tx.send(n).unwrap();
    }
    drop(tx);
    loop {
        match rx.recv().await {
            Ok(n) => println!("got {n}"),
            Err(e) => {
                println!("error: {e}");
                if e == broadcast::error::RecvError::Closed {
                    break;
                }
            }
        }
    }
}
