use std::sync::atomic::{AtomicUsize, Ordering};
use tokio::time::{Duration, sleep};

/// How many jobs have finished (read by the test).
static FINISHED: AtomicUsize = AtomicUsize::new(0);

// ANCHOR: guard
/// Prints when it is dropped, to show when a future is dropped.
struct Noisy(&'static str);

impl Drop for Noisy {
    fn drop(&mut self) {
        println!("dropped: {}", self.0);
    }
}

/// Waits, then reports. The guard lives as long as the future does.
async fn slow_job(name: &'static str, wait: Duration) -> &'static str {
    let _guard = Noisy(name);
    sleep(wait).await;
    println!("finished: {name}");
    FINISHED.fetch_add(1, Ordering::SeqCst);
    name
}
// ANCHOR_END: guard

// ANCHOR: main
#[tokio::main]
async fn main() {
    let winner = tokio::select! {
        done = slow_job("fast job", Duration::from_millis(100)) => done,
        done = slow_job("slow job", Duration::from_secs(10)) => done,
    };
    println!("select! returned: {winner}");

    // Not a single line more from the slow job, even after its ten seconds
    // would have passed: it was dropped, not paused.
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    // The claims: `select!` returns when the first future finishes, and the
    // loser is dropped, not paused: it never finishes, even when given all
    // the time it asked for. (The only test here, so it alone counts.)
    #[tokio::test(start_paused = true)]
    async fn the_loser_is_dropped_and_never_finishes() {
        let start = Instant::now();
        tokio::select! {
            _ = slow_job("fast job", Duration::from_millis(100)) => {}
            _ = slow_job("slow job", Duration::from_secs(10)) => {}
        }
        assert_eq!(start.elapsed(), Duration::from_millis(100));

        sleep(Duration::from_secs(20)).await;
        assert_eq!(FINISHED.load(Ordering::SeqCst), 1);
    }
}
