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

    /// Which of two branches that are both ready at once wins, `biased` or not.
    async fn race_two_ready(biased: bool) -> &'static str {
        if biased {
            tokio::select! {
                biased;
                _ = async {} => "first",
                _ = async {} => "second",
            }
        } else {
            tokio::select! {
                _ = async {} => "first",
                _ = async {} => "second",
            }
        }
    }

    // `select!` starts polling at a randomly chosen branch: over a hundred
    // races between two ready branches, each wins at least once (the chance
    // that one never does is 2 in 2^100).
    #[tokio::test]
    async fn when_both_are_ready_either_branch_can_win() {
        let mut wins = std::collections::HashSet::new();
        for _ in 0..100 {
            wins.insert(race_two_ready(false).await);
        }
        assert_eq!(wins.len(), 2);
    }

    // With `biased;`, the branches are polled from top to bottom.
    #[tokio::test]
    async fn with_biased_the_first_ready_branch_always_wins() {
        for _ in 0..100 {
            assert_eq!(race_two_ready(true).await, "first");
        }
    }
}
