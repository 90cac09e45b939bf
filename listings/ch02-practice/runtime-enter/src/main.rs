// ANCHOR: all
use std::time::{Duration, Instant};

fn main() {
    // Tokio's channels and locks need no runtime: here, the futures executor.
    let (sender, mut receiver) = tokio::sync::mpsc::channel(1);
    let received = futures::executor::block_on(async move {
        sender.send("hello").await.unwrap();
        receiver.recv().await
    });
    println!("tokio::sync::mpsc on the futures executor: {received:?}");

    // Tokio's timer needs a Tokio runtime: one that is entered, so that
    // `sleep` can find it, and whose worker threads drive the timer.
    let runtime = tokio::runtime::Runtime::new().unwrap(); // multi-thread
    let _context = runtime.enter();
    let start = Instant::now();
    futures::executor::block_on(tokio::time::sleep(Duration::from_millis(50)));
    let waited = start.elapsed() >= Duration::from_millis(50);
    println!("tokio::time::sleep on the futures executor: waited 50 ms: {waited}");
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use super::*;
    use futures::future::{Either, select};
    use std::pin::pin;

    /// Completes after `wait` of real time, measured by a thread of its own.
    fn deadline(wait: Duration) -> futures::channel::oneshot::Receiver<()> {
        let (tx, rx) = futures::channel::oneshot::channel();
        std::thread::spawn(move || {
            std::thread::sleep(wait);
            let _ = tx.send(());
        });
        rx
    }

    #[test]
    fn tokio_sync_works_with_no_tokio_runtime_at_all() {
        let (sender, receiver) = tokio::sync::oneshot::channel();
        sender.send(42).unwrap();
        assert_eq!(futures::executor::block_on(receiver), Ok(42));
    }

    #[test]
    fn inside_enter_a_multi_thread_runtime_fires_the_timer() {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let _context = runtime.enter();
        let sleep = pin!(tokio::time::sleep(Duration::from_millis(10)));
        let first =
            futures::executor::block_on(select(sleep, deadline(Duration::from_millis(100))));
        assert!(
            matches!(first, Either::Left(_)),
            "the 10 ms sleep ended first"
        );
    }

    #[test]
    fn inside_enter_a_current_thread_runtime_nobody_blocks_on_never_fires_the_timer() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let _context = runtime.enter();
        let sleep = pin!(tokio::time::sleep(Duration::from_millis(10)));
        let first =
            futures::executor::block_on(select(sleep, deadline(Duration::from_millis(100))));
        assert!(
            matches!(first, Either::Right(_)),
            "the 10 ms sleep was still waiting at 100 ms"
        );
    }
}
