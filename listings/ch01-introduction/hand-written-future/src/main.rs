// ANCHOR: countdown
use std::future::Future;
use std::pin::{Pin, pin};
use std::task::{Context, Poll, Waker};

/// A future that is not ready the first `remaining` times it is polled.
struct Countdown {
    remaining: u32,
}

impl Future for Countdown {
    type Output = &'static str;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.remaining == 0 {
            println!("poll: Ready");
            return Poll::Ready("liftoff");
        }
        println!("poll: Pending ({} to go)", self.remaining);
        self.remaining -= 1;
        // Ask to be polled again. (A real future would keep the waker, and
        // call it when its data arrives.)
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
// ANCHOR_END: countdown

// ANCHOR: main
/// The smallest possible executor: poll until Ready. Its waker does nothing
/// when woken; the loop polls again anyway.
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(value) = future.as_mut().poll(&mut cx) {
            return value;
        }
    }
}

fn main() {
    let result = block_on(Countdown { remaining: 3 });
    println!("result: {result}");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::task::Wake;

    #[test]
    fn countdown_is_pending_exactly_remaining_times() {
        let mut future = pin!(Countdown { remaining: 3 });
        let mut cx = Context::from_waker(Waker::noop());
        for _ in 0..3 {
            assert!(future.as_mut().poll(&mut cx).is_pending());
        }
        assert_eq!(future.as_mut().poll(&mut cx), Poll::Ready("liftoff"));
    }

    /// A waker that counts how many times it is woken.
    struct CountingWaker(AtomicU32);

    impl Wake for CountingWaker {
        fn wake(self: Arc<Self>) {
            self.wake_by_ref();
        }
        fn wake_by_ref(self: &Arc<Self>) {
            self.0.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn countdown_wakes_before_each_pending() {
        let counter = Arc::new(CountingWaker(AtomicU32::new(0)));
        let waker = Waker::from(Arc::clone(&counter));
        let mut cx = Context::from_waker(&waker);
        let mut future = pin!(Countdown { remaining: 3 });
        for wakes in 1..=3 {
            assert!(future.as_mut().poll(&mut cx).is_pending());
            assert_eq!(counter.0.load(Ordering::SeqCst), wakes);
        }
        assert!(future.as_mut().poll(&mut cx).is_ready());
        assert_eq!(counter.0.load(Ordering::SeqCst), 3);
    }

    /// `Pending` forever, without ever waking its task; counts its polls.
    struct NeverWakes(Arc<AtomicU32>);

    impl Future for NeverWakes {
        type Output = ();

        fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
            self.0.fetch_add(1, Ordering::SeqCst);
            Poll::Pending
        }
    }

    // Tokio polls the task once, then never again: nothing wakes it, so even
    // a whole second later it has been polled exactly once.
    #[tokio::test(start_paused = true)]
    async fn a_runtime_does_not_poll_again_without_a_wake() {
        let polls = Arc::new(AtomicU32::new(0));
        let task = tokio::spawn(NeverWakes(Arc::clone(&polls)));
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        assert_eq!(polls.load(Ordering::SeqCst), 1);
        task.abort();
    }

    /// Compiles only for a type that is `Unpin`.
    fn assert_unpin<T: Unpin>() {}

    // All of Countdown's fields are Unpin, so Countdown is too, and `poll`
    // can change them through `Pin<&mut Self>`.
    #[test]
    fn countdown_is_unpin() {
        assert_unpin::<Countdown>();
    }
}
