use std::future::Future;
use std::time::Duration;
use tokio::time::{Instant, sleep};

// ANCHOR: exercise
/// A lookup that answers after `delay`.
async fn lookup(delay: Duration) -> u32 {
    sleep(delay).await;
    42
}

/// Runs `call`, but gives up after 500 ms.
/// TODO: return `Err("timed out")` if `call` takes longer than 500 ms.
async fn with_timeout(call: impl Future<Output = u32>) -> Result<u32, &'static str> {
    Ok(call.await)
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
    #[ignore = "exercise: run with `cargo test -p ch02-exercise-timeout -- --include-ignored`"]
    async fn a_fast_call_answers() {
        let start = Instant::now();
        assert_eq!(
            with_timeout(lookup(Duration::from_millis(100))).await,
            Ok(42)
        );
        assert_eq!(start.elapsed(), Duration::from_millis(100));
    }

    #[tokio::test(start_paused = true)]
    #[ignore = "exercise: run with `cargo test -p ch02-exercise-timeout -- --include-ignored`"]
    async fn a_slow_call_gives_up_after_500_ms() {
        let start = Instant::now();
        let result = with_timeout(lookup(Duration::from_secs(10))).await;
        assert_eq!(result, Err("timed out"), "a 10 s call must time out");
        assert_eq!(start.elapsed(), Duration::from_millis(500));
    }
}
