use std::thread::{self, ThreadId};
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
/// Returns the threads that did the waiting.
fn thread_waits() -> Vec<ThreadId> {
    let handles: Vec<_> = (0..3)
        .map(|_| {
            thread::spawn(|| {
                thread::sleep(Duration::from_millis(100));
                thread::current().id()
            })
        })
        .collect();

    handles.into_iter().map(|h| h.join().unwrap()).collect()
}
// ANCHOR_END: threads

// ANCHOR: main
#[tokio::main]
async fn main() {
    let async_start = std::time::Instant::now();
    async_waits().await;
    println!("Async took: {:?}", async_start.elapsed()); // a little over 100 ms

    let thread_start = std::time::Instant::now();
    let threads = thread_waits();
    println!(
        "Threads took: {:?}, on {} new threads",
        thread_start.elapsed(), // a little over 100 ms too
        threads.len()
    );
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;
    use tokio::time::Instant;

    // The claim: the three async waits overlap: exactly 100 ms on Tokio's
    // clock, not 300.
    #[tokio::test(start_paused = true)]
    async fn async_waits_take_100_ms_not_300() {
        let start = Instant::now();
        async_waits().await;
        assert_eq!(start.elapsed(), Duration::from_millis(100));
    }

    // The threads' waits are real `thread::sleep`s, which Tokio's paused
    // clock cannot see, so the only exact fact about their timing is the
    // lower bound that `thread::sleep` guarantees. What is exact is the cost:
    // every wait had an OS thread of its own, none of them the caller's.
    #[test]
    fn every_thread_wait_has_its_own_os_thread() {
        let start = std::time::Instant::now();
        let threads = thread_waits();
        assert!(start.elapsed() >= Duration::from_millis(100));
        let distinct: HashSet<_> = threads.iter().collect();
        assert_eq!(distinct.len(), 3);
        assert!(!distinct.contains(&thread::current().id()));
    }
}
