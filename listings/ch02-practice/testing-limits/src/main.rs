// ANCHOR: code
use std::thread;
use tokio::sync::oneshot;
use tokio::time::{Duration, timeout};

/// Hands a job to a thread of our own, outside the runtime, and waits at
/// most `limit` for the answer.
async fn ask_a_thread(work: Duration, limit: Duration) -> Option<u32> {
    let (tx, rx) = oneshot::channel();
    thread::spawn(move || {
        thread::sleep(work); // stands in for a blocking call
        let _ = tx.send(42);
    });
    timeout(limit, rx).await.ok()?.ok()
}

/// The same job, on Tokio's blocking pool.
async fn ask_the_blocking_pool(work: Duration, limit: Duration) -> Option<u32> {
    let job = tokio::task::spawn_blocking(move || {
        thread::sleep(work);
        42
    });
    timeout(limit, job).await.ok()?.ok()
}

#[tokio::main]
async fn main() {
    let (work, limit) = (Duration::from_millis(50), Duration::from_secs(10));
    println!("a thread:          {:?}", ask_a_thread(work, limit).await);
    println!(
        "the blocking pool: {:?}",
        ask_the_blocking_pool(work, limit).await
    );
}
// ANCHOR_END: code

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    const WORK: Duration = Duration::from_millis(50);
    const LIMIT: Duration = Duration::from_secs(10);

    // ANCHOR: tests
    #[tokio::test(start_paused = true)]
    async fn the_paused_clock_does_not_see_a_blocking_sleep() {
        let start = Instant::now();
        thread::sleep(WORK); // really waits 50 ms
        assert_eq!(start.elapsed(), Duration::ZERO);
    }

    #[tokio::test(start_paused = true)]
    async fn the_clock_jumps_past_work_done_outside_the_runtime() {
        let start = Instant::now();
        assert_eq!(ask_a_thread(WORK, LIMIT).await, None); // gave up!
        assert_eq!(start.elapsed(), LIMIT);
    }

    #[tokio::test(start_paused = true)]
    async fn a_running_blocking_task_holds_the_clock_still() {
        let start = Instant::now();
        assert_eq!(ask_the_blocking_pool(WORK, LIMIT).await, Some(42));
        assert_eq!(start.elapsed(), Duration::ZERO);
    }
    // ANCHOR_END: tests
}
