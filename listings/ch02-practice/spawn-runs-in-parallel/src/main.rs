// ANCHOR: all
use std::sync::mpsc;
use std::time::Duration;

/// Blocks its thread (on purpose, to make the point) until B's message
/// arrives, or gives up after `patience`.
async fn task_a(rx: mpsc::Receiver<&'static str>, patience: Duration) -> String {
    match rx.recv_timeout(patience) {
        Ok(message) => format!("A got {message:?}"),
        Err(_) => format!("A gave up after {patience:?}: B never ran"),
    }
}

async fn task_b(tx: mpsc::Sender<&'static str>) {
    // An error here only means A has given up waiting and is gone.
    let _ = tx.send("hello from B");
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    // Two futures in one task: concurrent, but never at the same instant.
    // While A blocks the task's thread, B cannot be polled.
    let (tx, rx) = mpsc::channel();
    let (a, ()) = tokio::join!(biased; task_a(rx, Duration::from_millis(100)), task_b(tx));
    println!("join!: {a}");

    // Two tasks: the runtime runs them on two worker threads in parallel.
    let (tx, rx) = mpsc::channel();
    let a = tokio::spawn(task_a(rx, Duration::from_secs(10)));
    let b = tokio::spawn(task_b(tx));
    b.await.unwrap();
    println!("spawn: {}", a.await.unwrap());
}
// ANCHOR_END: all
