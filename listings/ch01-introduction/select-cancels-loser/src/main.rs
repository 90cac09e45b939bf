use tokio::time::{Duration, sleep};

// ANCHOR: guard
/// Prints a line when it is dropped.
struct Guard(&'static str);

impl Drop for Guard {
    fn drop(&mut self) {
        println!("{}: dropped", self.0);
    }
}
// ANCHOR_END: guard

// ANCHOR: main
async fn slow_operation() -> &'static str {
    let _guard = Guard("slow_operation"); // lives as long as the future
    println!("slow_operation: started");
    sleep(Duration::from_secs(10)).await;
    println!("slow_operation: finished");
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
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    // The claim: the losing future is dropped as soon as the other one wins,
    // at one second; it never gets to run its remaining nine seconds.
    #[tokio::test(start_paused = true)]
    async fn select_returns_at_one_second_without_finishing_the_loser() {
        let start = Instant::now();
        let winner = tokio::select! {
            result = slow_operation() => result,
            _ = sleep(Duration::from_secs(1)) => "timeout",
        };
        assert_eq!(winner, "timeout");
        assert_eq!(start.elapsed(), Duration::from_secs(1));
    }

    // The claim: a spawned task, unlike a raced future, is not cancelled when
    // its JoinHandle is dropped; it runs to the end.
    #[tokio::test(start_paused = true)]
    async fn a_spawned_task_outlives_its_dropped_handle() {
        let (done_tx, done_rx) = tokio::sync::oneshot::channel();
        let handle = tokio::spawn(async move {
            done_tx.send(slow_operation().await).unwrap();
        });
        drop(handle);
        assert_eq!(done_rx.await.unwrap(), "completed");
    }
}
