use tokio::time::{Duration, sleep};

// ANCHOR: race
/// Races a one-second timeout against a 500 ms task; returns the winner.
async fn race() -> &'static str {
    tokio::select! {
        _ = sleep(Duration::from_secs(1)) => {
            println!("Timeout reached");
            "timeout"
        }
        _ = async {
            sleep(Duration::from_millis(500)).await;
            println!("Task completed");
        } => "task"
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

    // The claim: the task wins, and `select!` returns as soon as it does,
    // after 500 ms, without waiting for the timeout.
    #[tokio::test(start_paused = true)]
    async fn the_task_wins_after_500_ms() {
        let start = Instant::now();
        assert_eq!(race().await, "task");
        assert_eq!(start.elapsed(), Duration::from_millis(500));
    }
}
