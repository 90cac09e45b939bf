use tokio::time::{Duration, sleep};

async fn fetch_data() -> String {
    sleep(Duration::from_millis(100)).await;
    String::from("data")
}

async fn process() {
    let data = fetch_data().await;
    println!("Got: {}", data);
}

// ANCHOR: ticker
/// Another task: prints a tick every 10 ms, three times.
async fn ticker() {
    for i in 1..=3 {
        println!("tick {i}");
        sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // One thread runs both: while `process` waits inside `.await`,
    // the thread is free to run `ticker`.
    tokio::join!(process(), ticker());
}
// ANCHOR_END: ticker

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    // The claim: `.await` yields, so the ticker's 30 ms of waiting overlaps
    // the 100 ms fetch instead of adding to it.
    #[tokio::test(start_paused = true)]
    async fn the_ticker_runs_while_process_waits() {
        let start = Instant::now();
        tokio::join!(process(), ticker());
        assert_eq!(start.elapsed(), Duration::from_millis(100));
    }

    #[tokio::test(start_paused = true)]
    async fn without_overlap_the_waits_would_add_up() {
        let start = Instant::now();
        process().await;
        ticker().await;
        assert_eq!(start.elapsed(), Duration::from_millis(130));
    }
}
