// ANCHOR: all
use tokio::time::{Duration, Instant, sleep};

async fn fetch_one() -> u32 {
    sleep(Duration::from_secs(1)).await;
    1
}

async fn fetch_two() -> u32 {
    sleep(Duration::from_secs(1)).await;
    2
}

#[tokio::main]
async fn main() {
    let start = Instant::now();
    // Run both futures concurrently, in this one task
    let (a, b) = tokio::join!(fetch_one(), fetch_two());
    println!("Results: {}, {}", a, b);
    // Takes ~1 second, not 2 (whole seconds: a sleep is never early, so
    // this cannot round down to 0)
    println!("Took {} s", start.elapsed().as_secs());
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use super::*;
    use std::future::Future;
    use std::pin::Pin;
    use std::sync::atomic::{AtomicU32, Ordering};
    use std::task::{Context, Poll};

    // The two one-second waits overlap, so joining them takes exactly one
    // second, not two; the results come back in the order written.
    #[tokio::test(start_paused = true)]
    async fn join_takes_exactly_one_second() {
        let start = Instant::now();
        let (a, b) = tokio::join!(fetch_one(), fetch_two());
        assert_eq!((a, b), (1, 2));
        assert_eq!(start.elapsed(), Duration::from_secs(1));
    }

    // Inside a spawned task on a multi-thread runtime, both joined futures
    // see the spawned task's id, before and after giving the thread up:
    // `join!` creates no task of its own.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn joined_futures_run_in_one_task() {
        async fn ids() -> [tokio::task::Id; 2] {
            let before = tokio::task::id();
            tokio::task::yield_now().await;
            [before, tokio::task::id()]
        }
        let task = tokio::spawn(async { (tokio::task::id(), tokio::join!(ids(), ids())) });
        let (task_id, (a, b)) = task.await.unwrap();
        assert_eq!([a, b].concat(), [task_id; 4]);
    }

    /// Wraps a future and counts how many times it is polled.
    struct CountPolls<'a, F> {
        polls: &'a AtomicU32,
        inner: Pin<Box<F>>,
    }

    impl<F: Future> Future for CountPolls<'_, F> {
        type Output = F::Output;

        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
            self.polls.fetch_add(1, Ordering::SeqCst);
            self.inner.as_mut().poll(cx)
        }
    }

    // `fetch_one` waits one second, but it is polled each time the task is
    // woken, here by a second future that wakes it three times: once at the
    // start, three times for the other future's wake-ups, once for its own.
    #[tokio::test(start_paused = true)]
    async fn join_polls_every_unfinished_future_each_time_it_is_woken() {
        let polls = AtomicU32::new(0);
        let counted = CountPolls {
            polls: &polls,
            inner: Box::pin(fetch_one()),
        };
        let three_wake_ups = async {
            for _ in 0..3 {
                sleep(Duration::from_millis(10)).await;
            }
        };
        tokio::join!(counted, three_wake_ups);
        assert_eq!(polls.load(Ordering::SeqCst), 5);
    }
}
