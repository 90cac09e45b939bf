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
    use std::sync::atomic::{AtomicBool, Ordering};
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn a_fast_future_gives_some_without_waiting_for_the_limit() {
        let start = Instant::now();
        assert_eq!(with_timeout(fast_request()).await, Some("fast response"));
        assert_eq!(start.elapsed(), Duration::from_millis(100));
    }

    #[tokio::test(start_paused = true)]
    async fn a_slow_future_gives_none_after_exactly_five_seconds() {
        let start = Instant::now();
        assert_eq!(with_timeout(slow_request()).await, None);
        assert_eq!(start.elapsed(), Duration::from_secs(5));
    }

    // As in `main`: 100 ms, then the five-second limit.
    #[tokio::test(start_paused = true)]
    async fn both_requests_take_five_seconds_and_a_tenth() {
        let start = Instant::now();
        with_timeout(fast_request()).await;
        with_timeout(slow_request()).await;
        assert_eq!(start.elapsed(), Duration::from_millis(5_100));
    }

    /// Sets its flag when it is dropped.
    struct SetOnDrop<'a>(&'a AtomicBool);

    impl Drop for SetOnDrop<'_> {
        fn drop(&mut self) {
            self.0.store(true, Ordering::SeqCst);
        }
    }

    // When `with_timeout` has returned `None`, the slow request is gone: the
    // value it held across its `.await` has been dropped.
    #[tokio::test(start_paused = true)]
    async fn the_slow_request_is_dropped_at_the_limit() {
        let dropped = AtomicBool::new(false);
        let request = async {
            let _guard = SetOnDrop(&dropped);
            slow_request().await
        };
        assert_eq!(with_timeout(request).await, None);
        assert!(dropped.load(Ordering::SeqCst));
    }

    // A future that becomes ready at the very moment the limit is reached
    // wins: `Timeout` polls the future before its timer.
    #[tokio::test(start_paused = true)]
    async fn the_future_is_polled_before_the_timer() {
        let result = timeout(Duration::from_secs(5), sleep(Duration::from_secs(5))).await;
        assert!(result.is_ok());
    }

    // The limit is checked only when the future gives control back: one that
    // blocks for 50 ms without an `.await` overruns a 10 ms limit, and still
    // returns its value.
    #[tokio::test]
    async fn a_future_that_never_yields_overruns_the_limit() {
        let start = std::time::Instant::now();
        let blocking = async {
            std::thread::sleep(Duration::from_millis(50));
            "done anyway"
        };
        let result = timeout(Duration::from_millis(10), blocking).await;
        assert_eq!(result.ok(), Some("done anyway"));
        assert!(start.elapsed() >= Duration::from_millis(50));
    }
}
