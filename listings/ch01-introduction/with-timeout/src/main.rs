use tokio::time::sleep;

// ANCHOR: with_timeout
use tokio::time::{Duration, timeout};

async fn with_timeout<F, T>(future: F) -> Option<T>
where
    F: std::future::Future<Output = T>,
{
    timeout(Duration::from_secs(5), future).await.ok()
}
// ANCHOR_END: with_timeout

// ANCHOR: main
async fn fast_request() -> &'static str {
    sleep(Duration::from_millis(100)).await;
    "fast response"
}

async fn slow_request() -> &'static str {
    sleep(Duration::from_secs(10)).await;
    "slow response"
}

#[tokio::main]
async fn main() {
    println!("fast: {:?}", with_timeout(fast_request()).await);
    println!("slow: {:?}", with_timeout(slow_request()).await);
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    // The claim: a future that finishes within 5 s gives Some(value), as soon
    // as it finishes.
    #[tokio::test(start_paused = true)]
    async fn a_fast_future_gives_some_without_waiting_for_the_limit() {
        let start = Instant::now();
        assert_eq!(with_timeout(fast_request()).await, Some("fast response"));
        assert_eq!(start.elapsed(), Duration::from_millis(100));
    }

    // The claim: a slower one gives None, after exactly 5 s, not its 10.
    #[tokio::test(start_paused = true)]
    async fn a_slow_future_gives_none_after_exactly_five_seconds() {
        let start = Instant::now();
        assert_eq!(with_timeout(slow_request()).await, None);
        assert_eq!(start.elapsed(), Duration::from_secs(5));
    }
}
