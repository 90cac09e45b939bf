// ANCHOR: all
use tokio::time::{Duration, sleep};

async fn task_one() {
    sleep(Duration::from_secs(1)).await;
    println!("Task one complete");
}

async fn task_two() {
    sleep(Duration::from_secs(1)).await;
    println!("Task two complete");
}

async fn run_both() {
    // Run tasks concurrently. `biased;` polls them in the order written,
    // so when both finish at the same moment, task one prints first.
    tokio::join!(biased; task_one(), task_two());
    // Both complete in 1 second, not 2!
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    run_both().await;
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    // The claim: the two one-second waits overlap.
    #[tokio::test(start_paused = true)]
    async fn both_complete_in_one_second_not_two() {
        let start = Instant::now();
        run_both().await;
        assert_eq!(start.elapsed(), Duration::from_secs(1));
    }

    // What `join!` saves: awaited one after the other, the waits add up.
    #[tokio::test(start_paused = true)]
    async fn awaited_in_turn_they_take_two_seconds() {
        let start = Instant::now();
        task_one().await;
        task_two().await;
        assert_eq!(start.elapsed(), Duration::from_secs(2));
    }
}
