use tokio::time::{Duration, sleep};

// ANCHOR: guard
/// Prints a line when it is dropped.
struct Guard(&'static str);

impl Drop for Guard {
    fn drop(&mut self) {
        println!("{}: dropped", self.0);
    }
}
// ANCHOR_END: guard

// ANCHOR: main
async fn slow_operation() -> &'static str {
    let _guard = Guard("slow_operation"); // lives as long as the future
    println!("slow_operation: started");
    sleep(Duration::from_millis(300)).await;
    println!("slow_operation: finished");
    "completed"
}

// On the paused clock, as in Await: the timers fire in the order of their
// deadlines however busy the machine is.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    tokio::select! {
        result = slow_operation() => {
            println!("Operation completed: {}", result);
        }
        _ = sleep(Duration::from_millis(100)) => {
            println!("Timeout!");
        }
    }
    // Wait past the moment slow_operation would have finished.
    sleep(Duration::from_millis(300)).await;
    println!("main: done");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::pin::Pin;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
    use std::task::{Context, Poll};
    use tokio::time::Instant;

    /// What happened to a future: how often it was polled, whether it
    /// finished, whether it was dropped.
    #[derive(Default)]
    struct Record {
        polls: AtomicU32,
        finished: AtomicBool,
        dropped: AtomicBool,
    }

    /// A future that writes what happens to it into a `Record`.
    struct Watched<F: Future> {
        future: Pin<Box<F>>,
        record: Arc<Record>,
    }

    impl<F: Future> Future for Watched<F> {
        type Output = F::Output;

        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
            self.record.polls.fetch_add(1, Ordering::SeqCst);
            let poll = self.future.as_mut().poll(cx);
            if poll.is_ready() {
                self.record.finished.store(true, Ordering::SeqCst);
            }
            poll
        }
    }

    impl<F: Future> Drop for Watched<F> {
        fn drop(&mut self) {
            self.record.dropped.store(true, Ordering::SeqCst);
        }
    }

    // The race of `main`, on the paused clock: `slow_operation` starts, the
    // timer wins at 100 ms, and `select!` has dropped the loser by the time
    // it returns. A second later, the loser has still not finished.
    #[tokio::test(start_paused = true)]
    async fn the_loser_is_dropped_in_the_middle_of_its_wait_and_never_finishes() {
        let record = Arc::new(Record::default());
        let watched = Watched {
            future: Box::pin(slow_operation()),
            record: Arc::clone(&record),
        };
        let start = Instant::now();
        let winner = tokio::select! {
            result = watched => result,
            _ = sleep(Duration::from_millis(100)) => "timeout",
        };
        assert_eq!(winner, "timeout");
        assert_eq!(start.elapsed(), Duration::from_millis(100));
        assert!(record.polls.load(Ordering::SeqCst) > 0, "it had started");
        assert!(record.dropped.load(Ordering::SeqCst), "it was dropped");
        sleep(Duration::from_secs(1)).await;
        assert!(!record.finished.load(Ordering::SeqCst), "it never finished");
    }
}
