// ANCHOR: all
use std::sync::mpsc;
use std::time::Duration;

/// Blocks its thread (on purpose, to make the point) until a message
/// arrives, or gives up after `patience`.
async fn wait_for_message(rx: mpsc::Receiver<&'static str>, patience: Duration) -> String {
    match rx.recv_timeout(patience) {
        Ok(message) => format!("got {message:?}"),
        Err(_) => format!("gave up after {patience:?}: the sender never ran"),
    }
}

async fn send_message(tx: mpsc::Sender<&'static str>) {
    // An error here only means the receiver has given up and is gone.
    let _ = tx.send("hello");
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    // Two futures in one task: concurrent, but never at the same instant.
    // While the first blocks the task's thread, the second cannot be polled.
    let (tx, rx) = mpsc::channel();
    let (got, ()) = tokio::join!(
        biased;
        wait_for_message(rx, Duration::from_millis(100)),
        send_message(tx),
    );
    println!("join!: {got}");

    // Two tasks: the runtime runs them on its two worker threads in parallel.
    let (tx, rx) = mpsc::channel();
    let receiver = tokio::spawn(wait_for_message(rx, Duration::from_secs(10)));
    let sender = tokio::spawn(send_message(tx));
    sender.await.unwrap();
    println!("spawn: {}", receiver.await.unwrap());
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn joined_futures_cannot_overlap_a_blocking_call() {
        let (tx, rx) = mpsc::channel();
        let (got, ()) = tokio::join!(
            biased;
            wait_for_message(rx, Duration::from_millis(50)),
            send_message(tx),
        );
        assert!(got.starts_with("gave up"), "{got}");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn spawned_tasks_run_in_parallel_on_two_workers() {
        let (tx, rx) = mpsc::channel();
        let receiver = tokio::spawn(wait_for_message(rx, Duration::from_secs(10)));
        let sender = tokio::spawn(send_message(tx));
        sender.await.unwrap();
        assert_eq!(receiver.await.unwrap(), "got \"hello\"");
    }
}
