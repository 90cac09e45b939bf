// ANCHOR: all
use std::time::{Duration, Instant};

/// Non-blocking: while the timer runs, `.await` gives the thread back.
async fn non_blocking_wait(name: &str, time: Duration) {
    println!("{name}: start");
    tokio::time::sleep(time).await;
}

/// Blocking: `std::thread::sleep` holds the thread for the whole wait, as a
/// long computation would. There is no `.await` at which to let others run.
async fn blocking_wait(name: &str, time: Duration) {
    println!("{name}: start");
    std::thread::sleep(time);
}

#[tokio::main]
async fn main() {
    let second = Duration::from_secs(1);

    let start = Instant::now();
    tokio::join!(
        non_blocking_wait("a", second),
        non_blocking_wait("b", second)
    );
    println!("non-blocking, joined: took {} s", start.elapsed().as_secs());

    let start = Instant::now();
    tokio::join!(blocking_wait("c", second), blocking_wait("d", second));
    println!("blocking, joined: took {} s", start.elapsed().as_secs());
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use super::*;

    const SECOND: Duration = Duration::from_secs(1);

    // The claim: two non-blocking waits overlap: one second in all.
    #[tokio::test(start_paused = true)]
    async fn non_blocking_waits_overlap() {
        let start = tokio::time::Instant::now();
        tokio::join!(
            non_blocking_wait("a", SECOND),
            non_blocking_wait("b", SECOND)
        );
        assert_eq!(start.elapsed(), SECOND);
    }

    // The claim: two blocking waits cannot overlap, even under join!: they
    // take at least the sum of their times. (The paused clock does not see a
    // blocking sleep, so this one measures real time, as a lower bound, with
    // 100 ms waits to keep the test short.)
    #[tokio::test]
    async fn blocking_waits_add_up_even_when_joined() {
        let wait = Duration::from_millis(100);
        let start = Instant::now();
        tokio::join!(blocking_wait("c", wait), blocking_wait("d", wait));
        assert!(start.elapsed() >= 2 * wait);
    }
}
