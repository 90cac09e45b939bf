use std::future::Future;
use std::time::Duration;
use tokio::time::{Instant, sleep};

// ANCHOR: exercise
/// A lookup that answers after `delay`.
async fn lookup(delay: Duration) -> u32 {
    sleep(delay).await;
    42
}

/// Runs `call`, but gives up after 500 ms. `tokio::time::timeout` races the
/// call against a timer and drops the call if the timer wins (a `select!`
/// with a `sleep` branch does the same).
async fn with_timeout(call: impl Future<Output = u32>) -> Result<u32, &'static str> {
    tokio::time::timeout(Duration::from_millis(500), call)
        .await
        .map_err(|_elapsed| "timed out")
}

#[tokio::main]
async fn main() {
    let fast = with_timeout(lookup(Duration::from_millis(100))).await;
    println!("fast lookup: {fast:?}");
    let start = Instant::now();
    let slow = with_timeout(lookup(Duration::from_secs(2))).await;
    println!("slow lookup: {slow:?} after {:.1?}", start.elapsed());
}
// ANCHOR_END: exercise

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_fast_call_answers() {
        let start = Instant::now();
        assert_eq!(
            with_timeout(lookup(Duration::from_millis(100))).await,
            Ok(42)
        );
        assert_eq!(start.elapsed(), Duration::from_millis(100));
    }

    #[tokio::test(start_paused = true)]
    async fn a_slow_call_gives_up_after_500_ms() {
        let start = Instant::now();
        let result = with_timeout(lookup(Duration::from_secs(10))).await;
        assert_eq!(result, Err("timed out"), "a 10 s call must time out");
        assert_eq!(start.elapsed(), Duration::from_millis(500));
    }
}
