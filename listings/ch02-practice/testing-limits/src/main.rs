// ANCHOR: code
use std::thread;
use tokio::sync::oneshot;
use tokio::time::{Duration, timeout};

/// Hands a blocking job to a thread of our own, outside the runtime, and
/// waits at most `limit` for its answer.
async fn ask_a_thread(job: impl FnOnce() -> u32 + Send + 'static, limit: Duration) -> Option<u32> {
    let (tx, rx) = oneshot::channel();
    thread::spawn(move || {
        let _ = tx.send(job());
    });
    timeout(limit, rx).await.ok()?.ok()
}

/// The same, on Tokio's blocking pool.
async fn ask_the_blocking_pool(
    job: impl FnOnce() -> u32 + Send + 'static,
    limit: Duration,
) -> Option<u32> {
    timeout(limit, tokio::task::spawn_blocking(job))
        .await
        .ok()?
        .ok()
}

/// Stands in for a blocking call: 50 ms of real time.
fn slow_answer() -> u32 {
    thread::sleep(Duration::from_millis(50));
    42
}

#[tokio::main]
async fn main() {
    let limit = Duration::from_secs(10);
    println!(
        "a thread:          {:?}",
        ask_a_thread(slow_answer, limit).await
    );
    println!(
        "the blocking pool: {:?}",
        ask_the_blocking_pool(slow_answer, limit).await
    );
}
// ANCHOR_END: code

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use tokio::time::Instant;

    const LIMIT: Duration = Duration::from_secs(10);

    // ANCHOR: tests
    #[tokio::test(start_paused = true)]
    async fn the_paused_clock_does_not_see_a_blocking_sleep() {
        let start = Instant::now();
        thread::sleep(Duration::from_millis(50)); // really waits 50 ms
        assert_eq!(start.elapsed(), Duration::ZERO);
    }

    #[tokio::test(start_paused = true)]
    async fn the_clock_jumps_past_work_done_outside_the_runtime() {
        // The thread answers only once the test lets it go, after the call.
        let (go, wait_for_go) = mpsc::channel::<()>();
        let start = Instant::now();
        let job = move || {
            let _ = wait_for_go.recv();
            42
        };
        assert_eq!(ask_a_thread(job, LIMIT).await, None); // gave up!
        assert_eq!(start.elapsed(), LIMIT);
        drop(go);
    }

    #[tokio::test(start_paused = true)]
    async fn a_running_blocking_task_holds_the_clock_still() {
        let start = Instant::now();
        assert_eq!(ask_the_blocking_pool(slow_answer, LIMIT).await, Some(42));
        assert_eq!(start.elapsed(), Duration::ZERO);
    }
    // ANCHOR_END: tests

    // A pool thread that takes 50 ms to start: until then the closure waits
    // in the pool's queue, and the runtime has nothing to do. Had it not
    // held the clock, auto-advance would have jumped to the limit.
    #[test]
    fn a_blocking_task_that_waits_for_a_thread_holds_the_clock_too() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .on_thread_start(|| thread::sleep(Duration::from_millis(50)))
            .build()
            .unwrap();
        runtime.block_on(async {
            let start = Instant::now();
            assert_eq!(ask_the_blocking_pool(|| 42, LIMIT).await, Some(42));
            assert_eq!(start.elapsed(), Duration::ZERO);
        });
    }
}
