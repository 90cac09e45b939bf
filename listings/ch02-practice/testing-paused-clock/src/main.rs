// ANCHOR: code
use std::time::Duration;
use tokio::time::{sleep, timeout};

/// Stands in for a call to a service that takes `delay` to answer.
async fn call_service(delay: Duration) -> String {
    sleep(delay).await;
    "the reply".to_string()
}

/// Calls the service, and gives up after `limit`.
async fn ask(delay: Duration, limit: Duration) -> Option<String> {
    timeout(limit, call_service(delay)).await.ok()
}

#[tokio::main]
async fn main() {
    let limit = Duration::from_millis(100);
    println!(
        "fast service: {:?}",
        ask(Duration::from_millis(10), limit).await
    );
    println!(
        "slow service: {:?}",
        ask(Duration::from_secs(3600), limit).await
    );
}
// ANCHOR_END: code

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::runtime::{Handle, RuntimeFlavor};

    // ANCHOR: tokio_test
    #[tokio::test]
    async fn a_fast_service_answers() {
        let reply = ask(Duration::from_millis(10), Duration::from_millis(100)).await;
        assert_eq!(reply.as_deref(), Some("the reply"));
    }
    // ANCHOR_END: tokio_test

    #[tokio::test]
    async fn tokio_test_starts_a_current_thread_runtime() {
        assert_eq!(
            Handle::current().runtime_flavor(),
            RuntimeFlavor::CurrentThread
        );
    }

    // ANCHOR: paused
    #[tokio::test(start_paused = true)]
    async fn a_slow_service_is_given_up_on_after_exactly_the_limit() {
        let start = tokio::time::Instant::now();
        let reply = ask(Duration::from_secs(3600), Duration::from_secs(5)).await;
        assert_eq!(reply, None);
        assert_eq!(start.elapsed(), Duration::from_secs(5));
    }
    // ANCHOR_END: paused

    // The hour passes on Tokio's clock only: real time barely moves.
    #[tokio::test(start_paused = true)]
    async fn an_hour_on_the_paused_clock_takes_no_real_hour() {
        let tokio_start = tokio::time::Instant::now();
        let real_start = std::time::Instant::now();
        sleep(Duration::from_secs(3600)).await;
        assert_eq!(tokio_start.elapsed(), Duration::from_secs(3600));
        assert!(real_start.elapsed() < Duration::from_secs(60));
    }

    // ANCHOR: pause
    #[tokio::test]
    async fn pause_stops_the_clock_from_inside_the_test() {
        tokio::time::pause();
        let start = tokio::time::Instant::now();
        let reply = ask(Duration::from_secs(3), Duration::from_secs(5)).await;
        assert_eq!(reply.as_deref(), Some("the reply"));
        // The timer counts whole milliseconds from the runtime's start, and
        // rounds deadlines up: paused mid-millisecond, 3 s may end 1 ms late.
        let waited = start.elapsed();
        assert!(waited >= Duration::from_secs(3));
        assert!(waited <= Duration::from_millis(3001));
    }
    // ANCHOR_END: pause

    // ANCHOR: multi_thread
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    #[should_panic(expected = "requires the `current_thread` Tokio runtime")]
    async fn the_clock_can_be_paused_only_on_a_current_thread_runtime() {
        tokio::time::pause();
    }
    // ANCHOR_END: multi_thread
}
