// ANCHOR: all
use tokio::time::{Duration, Instant, sleep};

async fn task_one() -> u32 {
    sleep(Duration::from_secs(1)).await;
    1
}

async fn task_two() -> u32 {
    sleep(Duration::from_secs(1)).await;
    2
}

#[tokio::main]
async fn main() {
    let start = Instant::now();
    // Run both tasks concurrently
    let (a, b) = tokio::join!(task_one(), task_two());
    println!("Results: {}, {}", a, b);
    // Takes ~1 second, not 2 (whole seconds: a sleep is never early, so
    // this cannot round down to 0)
    println!("Took {} s", start.elapsed().as_secs());
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use super::*;

    // The claim: the two one-second waits overlap, so joining them takes
    // exactly one second, not two.
    #[tokio::test(start_paused = true)]
    async fn join_takes_exactly_one_second() {
        let start = Instant::now();
        let (a, b) = tokio::join!(task_one(), task_two());
        assert_eq!((a, b), (1, 2));
        assert_eq!(start.elapsed(), Duration::from_secs(1));
    }
}
