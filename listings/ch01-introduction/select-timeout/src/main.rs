// ANCHOR: all
use tokio::time::{Duration, sleep};

async fn slow_operation() -> &'static str {
    sleep(Duration::from_secs(10)).await;
    "completed"
}

#[tokio::main]
async fn main() {
    tokio::select! {
        result = slow_operation() => {
            println!("Operation completed: {}", result);
        }
        _ = sleep(Duration::from_secs(1)) => {
            println!("Timeout!");
        }
    }
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    // The timeout wins, after exactly one second; select! does not wait for
    // the slow operation's ten.
    #[tokio::test(start_paused = true)]
    async fn the_timeout_wins_after_exactly_one_second() {
        let start = Instant::now();
        let winner = tokio::select! {
            result = slow_operation() => result,
            _ = sleep(Duration::from_secs(1)) => "timeout",
        };
        assert_eq!(winner, "timeout");
        assert_eq!(start.elapsed(), Duration::from_secs(1));
    }

    // The other way round: the first future to finish wins.
    #[tokio::test(start_paused = true)]
    async fn with_a_longer_timeout_the_operation_wins() {
        let start = Instant::now();
        let winner = tokio::select! {
            result = slow_operation() => result,
            _ = sleep(Duration::from_secs(11)) => "timeout",
        };
        assert_eq!(winner, "completed");
        assert_eq!(start.elapsed(), Duration::from_secs(10));
    }
}
