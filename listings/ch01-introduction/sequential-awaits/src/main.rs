use tokio::time::{Duration, Instant, sleep};

async fn task_one() -> u32 {
    sleep(Duration::from_secs(1)).await;
    1
}

async fn task_two() -> u32 {
    sleep(Duration::from_secs(1)).await;
    2
}

// ANCHOR: main
#[tokio::main]
async fn main() {
    let start = Instant::now();
    // One after the other: task_two does not start until task_one is done
    let a = task_one().await;
    let b = task_two().await;
    println!("Results: {}, {}", a, b);
    println!("Took {} s", start.elapsed().as_secs());
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    // The claim: awaiting the tasks one after the other adds their waits up.
    #[tokio::test(start_paused = true)]
    async fn sequential_awaits_take_exactly_two_seconds() {
        let start = Instant::now();
        let a = task_one().await;
        let b = task_two().await;
        assert_eq!((a, b), (1, 2));
        assert_eq!(start.elapsed(), Duration::from_secs(2));
    }
}
