// ANCHOR: all
use std::time::{Duration, Instant};

/// Non-blocking: while the timer runs, `.await` gives the thread back.
async fn non_blocking_wait(name: &str) {
    println!("{name}: start");
    tokio::time::sleep(Duration::from_secs(1)).await;
}

/// Blocking: `std::thread::sleep` holds the thread for the whole second, as a
/// long computation would. There is no `.await` at which to let others run.
async fn blocking_wait(name: &str) {
    println!("{name}: start");
    std::thread::sleep(Duration::from_secs(1));
}

#[tokio::main]
async fn main() {
    let start = Instant::now();
    tokio::join!(non_blocking_wait("a"), non_blocking_wait("b"));
    println!("non-blocking, joined: took {} s", start.elapsed().as_secs());

    let start = Instant::now();
    tokio::join!(blocking_wait("c"), blocking_wait("d"));
    println!("blocking, joined: took {} s", start.elapsed().as_secs());
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use super::*;

    // The claim: two non-blocking waits overlap: one second in all.
    #[tokio::test(start_paused = true)]
    async fn non_blocking_waits_overlap() {
        let start = tokio::time::Instant::now();
        tokio::join!(non_blocking_wait("a"), non_blocking_wait("b"));
        assert_eq!(start.elapsed(), Duration::from_secs(1));
    }

    // The claim: two blocking waits cannot overlap, even under join!: they
    // take at least the sum of their times. (The paused clock does not see a
    // blocking sleep, so this one measures real time, as a lower bound.)
    #[tokio::test]
    async fn blocking_waits_add_up_even_when_joined() {
        let start = Instant::now();
        tokio::join!(blocking_wait("c"), blocking_wait("d"));
        assert!(start.elapsed() >= Duration::from_secs(2));
    }
}
