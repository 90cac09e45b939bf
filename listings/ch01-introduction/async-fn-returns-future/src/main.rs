// ANCHOR: fetch_data
async fn fetch_data() -> String {
    println!("fetch_data is running");
    // Simulate async work
    String::from("data")
}
// ANCHOR_END: fetch_data

// ANCHOR: main
#[tokio::main]
async fn main() {
    let future = fetch_data(); // runs nothing yet: `future` is a Future
    println!("called fetch_data and got a future");

    let data = future.await; // now fetch_data runs, to the end
    println!("awaited it and got {data:?}");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::future::Future;
    use std::pin::pin;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::task::{Context, Poll, Waker};

    /// Compiles only if `F` is a future whose output is a `String`.
    fn assert_future_of_string<F: Future<Output = String>>(_: &F) {}

    #[test]
    fn an_async_fn_returns_a_future_of_its_return_type() {
        let future = fetch_data();
        assert_future_of_string(&future);
    }

    /// An async fn whose body reports that it started.
    async fn mark_started(started: &AtomicBool) -> u32 {
        started.store(true, Ordering::SeqCst);
        7
    }

    // The body starts at the first poll (here by hand; `.await` polls too),
    // not at the call.
    #[test]
    fn the_body_starts_at_the_first_poll_not_at_the_call() {
        let started = AtomicBool::new(false);
        let mut future = pin!(mark_started(&started));
        assert!(!started.load(Ordering::SeqCst));
        let mut cx = Context::from_waker(Waker::noop());
        assert!(future.as_mut().poll(&mut cx).is_ready());
        assert!(started.load(Ordering::SeqCst));
    }

    /// An argument whose evaluation is noted.
    fn argument(evaluated: &AtomicBool) -> u32 {
        evaluated.store(true, Ordering::SeqCst);
        1
    }

    /// An async fn whose body reports that it started, and returns its
    /// argument.
    async fn take(n: u32, started: &AtomicBool) -> u32 {
        started.store(true, Ordering::SeqCst);
        n
    }

    // The argument is evaluated at the call, before any poll and before the
    // body starts; the future keeps it, and the body gets it when polled.
    #[test]
    fn the_arguments_are_evaluated_at_the_call_and_stored_in_the_future() {
        let (evaluated, started) = (AtomicBool::new(false), AtomicBool::new(false));
        let mut future = pin!(take(argument(&evaluated), &started));
        assert!(evaluated.load(Ordering::SeqCst));
        assert!(!started.load(Ordering::SeqCst));
        let mut cx = Context::from_waker(Waker::noop());
        assert_eq!(future.as_mut().poll(&mut cx), Poll::Ready(1));
    }

    #[test]
    fn a_dropped_future_never_runs_its_body() {
        let started = AtomicBool::new(false);
        let future = mark_started(&started);
        drop(future);
        assert!(!started.load(Ordering::SeqCst));
    }
}
