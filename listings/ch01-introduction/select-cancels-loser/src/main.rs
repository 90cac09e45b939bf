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
    sleep(Duration::from_millis(200)).await;
    println!("slow_operation: finished");
    "completed"
}

#[tokio::main]
async fn main() {
    tokio::select! {
        result = slow_operation() => {
            println!("Operation completed: {}", result);
        }
        _ = sleep(Duration::from_millis(20)) => {
            println!("Timeout!");
        }
    }
    // Wait past the moment slow_operation would have finished.
    sleep(Duration::from_millis(200)).await;
    println!("main: done");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::pin::pin;

    // A future raced by reference (`&mut future`) is not dropped by
    // `select!`: after losing, it can be awaited to the end.
    #[tokio::test(start_paused = true)]
    async fn a_future_raced_by_reference_survives_and_can_be_resumed() {
        let mut operation = pin!(slow_operation());
        let winner = tokio::select! {
            result = &mut operation => result,
            _ = sleep(Duration::from_millis(20)) => "timeout",
        };
        assert_eq!(winner, "timeout");
        assert_eq!(operation.await, "completed");
    }

    // A spawned task, unlike a raced future, is not cancelled when its
    // JoinHandle is dropped; while the runtime runs, it runs to the end.
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
