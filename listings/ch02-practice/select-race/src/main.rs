use tokio::time::{Duration, sleep};

// ANCHOR: race
/// Races a one-second timeout against a 500 ms operation; returns the winner.
async fn race() -> &'static str {
    tokio::select! {
        _ = sleep(Duration::from_secs(1)) => {
            println!("Timeout reached");
            "timeout"
        }
        _ = async {
            sleep(Duration::from_millis(500)).await;
            println!("Operation completed");
        } => "operation"
    }
}
// ANCHOR_END: race

// ANCHOR: main
#[tokio::main]
async fn main() {
    let winner = race().await;
    println!("winner: {winner}");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn the_operation_wins_after_500_ms() {
        let start = Instant::now();
        assert_eq!(race().await, "operation");
        assert_eq!(start.elapsed(), Duration::from_millis(500));
    }
}
