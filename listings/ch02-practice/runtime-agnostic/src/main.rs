// ANCHOR: ping_pong
use futures::channel::oneshot;

/// Uses only `std` and the `futures` crate: no timer, socket or task of a
/// particular runtime, so any executor can run it.
async fn ping_pong() -> String {
    let (tx, rx) = oneshot::channel();
    let receiver = async move { rx.await.unwrap() }; // Pending until the reply is sent
    let sender = async move { tx.send("pong").unwrap() };
    let (reply, ()) = futures::join!(receiver, sender);
    format!("ping -> {reply}")
}
// ANCHOR_END: ping_pong

// ANCHOR: main
fn main() {
    // The small executor in the `futures` crate: runs one future on this thread.
    println!(
        "futures::executor::block_on: {}",
        futures::executor::block_on(ping_pong())
    );

    // Tokio's runtime.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    println!(
        "tokio Runtime::block_on:     {}",
        runtime.block_on(ping_pong())
    );
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::pin::pin;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::task::{Context, Poll, Wake, Waker};
    use std::time::Duration;

    #[test]
    fn ping_pong_runs_alike_on_the_futures_executor_and_on_tokio() {
        let on_futures = futures::executor::block_on(ping_pong());
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        assert_eq!(on_futures, "ping -> pong");
        assert_eq!(runtime.block_on(ping_pong()), on_futures);
    }

    /// A waker that counts how often it is woken, as any executor's would.
    struct CountingWaker(AtomicUsize);

    impl Wake for CountingWaker {
        fn wake(self: Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn the_receiver_is_pending_until_the_sender_sends_and_wakes_it() {
        let counter = Arc::new(CountingWaker(AtomicUsize::new(0)));
        let waker = Waker::from(Arc::clone(&counter));
        let mut cx = Context::from_waker(&waker);
        let (tx, rx) = oneshot::channel();
        let mut rx = pin!(rx);
        assert!(rx.as_mut().poll(&mut cx).is_pending());
        tx.send("pong").unwrap();
        assert_eq!(
            counter.0.load(Ordering::SeqCst),
            1,
            "the send woke the receiver"
        );
        assert_eq!(rx.poll(&mut cx), Poll::Ready(Ok("pong")));
    }

    #[test]
    #[should_panic(expected = "must be called from the context of a Tokio 1.x runtime")]
    fn calling_tokio_sleep_outside_a_tokio_runtime_panics() {
        // The sleep is created and polled inside the future, as in real code.
        futures::executor::block_on(async { tokio::time::sleep(Duration::from_millis(1)).await });
    }
}
