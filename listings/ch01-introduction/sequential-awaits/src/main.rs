use tokio::time::{Duration, Instant, sleep};

async fn fetch_one() -> u32 {
    sleep(Duration::from_secs(1)).await;
    1
}

async fn fetch_two() -> u32 {
    sleep(Duration::from_secs(1)).await;
    2
}

// ANCHOR: main
#[tokio::main]
async fn main() {
    let start = Instant::now();
    // One after the other: fetch_two does not start until fetch_one is done
    let a = fetch_one().await;
    let b = fetch_two().await;
    println!("Results: {}, {}", a, b);
    println!("Took {} s", start.elapsed().as_secs());
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    // Awaiting the futures one after the other adds their waits up.
    #[tokio::test(start_paused = true)]
    async fn sequential_awaits_take_exactly_two_seconds() {
        let start = Instant::now();
        let a = fetch_one().await;
        let b = fetch_two().await;
        assert_eq!((a, b), (1, 2));
        assert_eq!(start.elapsed(), Duration::from_secs(2));
    }
}
