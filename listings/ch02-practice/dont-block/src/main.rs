use std::future::Future;
use std::sync::{Arc, Mutex};
use tokio::time::Duration;

const WAIT: Duration = Duration::from_millis(100);

// ANCHOR: waits
/// Harm: `std::thread::sleep` blocks the thread, and every task on it.
async fn blocking_wait() {
    std::thread::sleep(WAIT);
}

/// Cure for waiting: Tokio's timer. `.await` hands the thread back.
async fn async_wait() {
    tokio::time::sleep(WAIT).await;
}

/// Cure for blocking work you cannot avoid (a blocking library call, a long
/// computation): run it on Tokio's pool of threads meant for blocking.
async fn blocking_wait_off_the_runtime() {
    tokio::task::spawn_blocking(|| std::thread::sleep(WAIT))
        .await
        .unwrap();
}
// ANCHOR_END: waits

// ANCHOR: who_goes_first
/// Spawns a tiny task, then waits with `wait`. Returns what happened, in order.
async fn who_goes_first(wait: impl Future<Output = ()>) -> Vec<&'static str> {
    let events = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&events);
    let other = tokio::spawn(async move { log.lock().unwrap().push("other task ran") });

    wait.await;
    events.lock().unwrap().push("wait ended");

    other.await.unwrap();
    let events = events.lock().unwrap();
    events.clone()
}

#[tokio::main(flavor = "current_thread")] // one thread, so the harm is plain to see
async fn main() {
    println!(
        "std::thread::sleep:   {:?}",
        who_goes_first(blocking_wait()).await
    );
    println!(
        "tokio::time::sleep:   {:?}",
        who_goes_first(async_wait()).await
    );
    println!(
        "spawn_blocking:       {:?}",
        who_goes_first(blocking_wait_off_the_runtime()).await
    );
}
// ANCHOR_END: who_goes_first

#[cfg(test)]
mod tests {
    use super::*;

    // How these tests stay honest. `std::thread::sleep` is invisible to
    // Tokio's paused clock: it takes real time, and Tokio's clock does not
    // move. So the blocking case is proven by the order of events (which is
    // exact on a current-thread runtime: a ready task runs as soon as the
    // task before it yields, never while it blocks) and by the lower bound on
    // real time that `thread::sleep` guarantees. Tokio's clock is used only
    // where Tokio's own timer does the waiting.

    #[tokio::test] // a current-thread runtime, like `main`
    async fn a_blocking_wait_runs_to_its_end_before_the_other_task_starts() {
        assert_eq!(
            who_goes_first(blocking_wait()).await,
            ["wait ended", "other task ran"]
        );
    }

    #[tokio::test]
    async fn a_blocking_wait_delays_the_other_task_by_the_whole_wait() {
        let spawned = std::time::Instant::now();
        let other = tokio::spawn(async move { spawned.elapsed() });
        blocking_wait().await;
        let delay = other.await.unwrap();
        assert!(delay >= WAIT, "the other task started after {delay:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn with_tokios_sleep_the_other_task_runs_at_once() {
        let start = tokio::time::Instant::now();
        let other = tokio::spawn(async move { start.elapsed() });
        async_wait().await;
        assert_eq!(other.await.unwrap(), Duration::ZERO);
        assert_eq!(start.elapsed(), WAIT);
        assert_eq!(
            who_goes_first(async_wait()).await,
            ["other task ran", "wait ended"]
        );
    }

    #[tokio::test]
    async fn with_spawn_blocking_the_other_task_runs_before_the_wait_ends() {
        assert_eq!(
            who_goes_first(blocking_wait_off_the_runtime()).await,
            ["other task ran", "wait ended"]
        );
    }
}
