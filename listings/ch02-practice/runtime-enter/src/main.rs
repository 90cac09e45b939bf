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
    use std::future::Future;
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

    // The receiver's first poll finds nothing: `Pending`, with the futures
    // executor's waker registered. Only then is the value sent, from another
    // thread, so `block_on` polls again only if the send wakes that waker.
    // No Tokio runtime exists anywhere in this test.
    #[test]
    fn tokio_sync_works_with_no_tokio_runtime_at_all() {
        let (done, result) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let (sender, receiver) = tokio::sync::oneshot::channel();
            let mut sender = Some(sender);
            let mut receiver = pin!(receiver);
            let value = futures::executor::block_on(futures::future::poll_fn(|cx| {
                let poll = receiver.as_mut().poll(cx);
                if let Some(sender) = sender.take() {
                    assert!(poll.is_pending(), "nothing was sent yet");
                    std::thread::spawn(move || sender.send(42).unwrap());
                }
                poll
            }));
            done.send(value).unwrap();
        });
        let value = result
            .recv_timeout(Duration::from_secs(10))
            .expect("the send never woke the receiver");
        assert_eq!(value, Ok(42));
    }

    // Nothing races the timer here: the `sleep` must end, however late, and
    // only a Tokio worker thread can fire it (the `futures` executor knows
    // nothing of Tokio's timer). The 10 s limit only turns a hang into a
    // failure.
    #[test]
    fn inside_enter_a_multi_thread_runtime_fires_the_timer() {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let handle = runtime.handle().clone();
        let (done, finished) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _context = handle.enter();
            futures::executor::block_on(tokio::time::sleep(Duration::from_millis(10)));
            done.send(()).unwrap();
        });
        finished
            .recv_timeout(Duration::from_secs(10))
            .expect("the sleep never ended: nothing fired the timer");
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
