use std::thread;
use std::time::Instant;
use tokio::time::{Duration, sleep};

// ANCHOR: async
/// Async approach: three 100 ms waits as futures in one task.
async fn async_waits() {
    tokio::join!(
        sleep(Duration::from_millis(100)),
        sleep(Duration::from_millis(100)),
        sleep(Duration::from_millis(100)),
    );
}
// ANCHOR_END: async

// ANCHOR: threads
/// Thread approach: three 100 ms waits, one OS thread each.
/// Returns when each thread's wait began and ended.
fn thread_waits() -> Vec<(Instant, Instant)> {
    let handles: Vec<_> = (0..3)
        .map(|_| {
            thread::spawn(|| {
                let start = Instant::now();
                thread::sleep(Duration::from_millis(100));
                (start, Instant::now())
            })
        })
        .collect();

    handles.into_iter().map(|h| h.join().unwrap()).collect()
}
// ANCHOR_END: threads

// ANCHOR: main
#[tokio::main]
async fn main() {
    let async_start = Instant::now();
    async_waits().await;
    println!("Async took: {:?}", async_start.elapsed()); // a little over 100 ms

    let thread_start = Instant::now();
    let waits = thread_waits();
    println!(
        "Threads took: {:?}, on {} new threads",
        thread_start.elapsed(), // a little over 100 ms too
        waits.len()
    );
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    // The three async waits overlap: exactly 100 ms on Tokio's clock, not 300.
    #[tokio::test(start_paused = true)]
    async fn async_waits_take_100_ms_not_300() {
        let start = tokio::time::Instant::now();
        async_waits().await;
        assert_eq!(start.elapsed(), Duration::from_millis(100));
    }

    // The threads' waits are real `thread::sleep`s, which Tokio's paused
    // clock cannot see. That they overlap is an order of events: every wait
    // began before any of them ended.
    #[test]
    fn the_thread_waits_overlap() {
        let spans = thread_waits();
        let last_start = spans.iter().map(|&(start, _)| start).max().unwrap();
        let first_end = spans.iter().map(|&(_, end)| end).min().unwrap();
        assert_eq!(spans.len(), 3);
        assert!(last_start < first_end);
    }
}
