use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::sleep;

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let (tx, mut rx) = mpsc::channel::<u32>(4);
    tx.send(1).await.unwrap();
    drop(tx);
    let mut ticks = 0;
    loop {
        tokio::select! {
            Some(n) = rx.recv() => println!("got {n}"),
            _ = sleep(Duration::from_millis(10)), if ticks < 2 => {
                ticks += 1;
                println!("tick {ticks}");
            }
            else => break,
        }
    }
    println!("done");
}
