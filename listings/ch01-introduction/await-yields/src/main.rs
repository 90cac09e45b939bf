use tokio::time::{Duration, sleep};

async fn fetch_data() -> String {
    sleep(Duration::from_millis(300)).await;
    String::from("data")
}

async fn process() {
    let data = fetch_data().await;
    println!("Got: {}", data);
}

// ANCHOR: ticker
/// A second future: prints a tick every 10 ms, three times.
async fn ticker() {
    for i in 1..=3 {
        println!("tick {i}");
        sleep(Duration::from_millis(10)).await;
    }
}

// One thread, and Tokio's paused clock, so that the timers fire in the
// order of their deadlines however busy the machine is.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    // One task on one thread polls both: while `process` waits inside
    // `.await`, the thread is free to run `ticker`.
    tokio::join!(process(), ticker());
}
// ANCHOR_END: ticker

#[cfg(test)]
mod tests {
    use super::*;
    use std::future::poll_fn;
    use std::pin::pin;
    use std::task::Poll;
    use tokio::time::Instant;

    // Polled by hand: `process` is Pending as long as its fetch is, and once
    // the fetch's 300 ms are up it goes on from its `.await`, not from the
    // start (which would begin a new 300 ms wait).
    #[tokio::test(start_paused = true)]
    async fn process_is_pending_while_its_fetch_is_then_resumes() {
        let mut process = pin!(process());
        let mut poll_once = async || poll_fn(|cx| Poll::Ready(process.as_mut().poll(cx))).await;
        assert!(poll_once().await.is_pending());
        tokio::time::advance(Duration::from_millis(299)).await;
        assert!(poll_once().await.is_pending());
        tokio::time::advance(Duration::from_millis(1)).await;
        assert!(poll_once().await.is_ready());
    }

    // `.await` gives the thread back, so the ticker's 30 ms of waiting
    // overlaps the 300 ms fetch instead of adding to it.
    #[tokio::test(start_paused = true)]
    async fn the_ticker_runs_while_process_waits() {
        let start = Instant::now();
        tokio::join!(process(), ticker());
        assert_eq!(start.elapsed(), Duration::from_millis(300));
    }

    #[tokio::test(start_paused = true)]
    async fn without_overlap_the_waits_would_add_up() {
        let start = Instant::now();
        process().await;
        ticker().await;
        assert_eq!(start.elapsed(), Duration::from_millis(330));
    }
}
