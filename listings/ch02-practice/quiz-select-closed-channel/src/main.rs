use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::sleep;

#[tokio::main]
async fn main() {
    let (tx, mut rx) = mpsc::channel::<u32>(1);
    drop(tx);
    let result = tokio::select! {
        Some(n) = rx.recv() => format!("got {n}"),
        _ = sleep(Duration::from_millis(100)) => "timeout".to_string(),
    };
    println!("{result}");
}
