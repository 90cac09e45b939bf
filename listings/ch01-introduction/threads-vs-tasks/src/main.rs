use std::collections::HashSet;
use std::thread;
use std::time::{Duration, Instant};

const N: usize = 1_000;
const WAIT: Duration = Duration::from_millis(100);

// ANCHOR: threads
/// Waits N times at once, one OS thread per wait.
/// Returns how many different threads did the waiting.
fn with_threads() -> usize {
    let handles: Vec<_> = (0..N)
        .map(|_| {
            thread::spawn(|| {
                thread::sleep(WAIT);
                thread::current().id()
            })
        })
        .collect();
    let ids: HashSet<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    ids.len()
}
// ANCHOR_END: threads

// ANCHOR: tasks
/// Waits N times at once, one async task per wait.
/// Returns how many different threads did the waiting.
async fn with_tasks() -> usize {
    let handles: Vec<_> = (0..N)
        .map(|_| {
            tokio::spawn(async {
                tokio::time::sleep(WAIT).await;
                thread::current().id()
            })
        })
        .collect();
    let mut ids = HashSet::new();
    for handle in handles {
        ids.insert(handle.await.unwrap());
    }
    ids.len()
}
// ANCHOR_END: tasks

// ANCHOR: main
fn main() {
    let start = Instant::now();
    let threads = with_threads();
    println!(
        "{N} waits on threads: {:?}, on {threads} threads",
        start.elapsed()
    );

    // A single-threaded async runtime (more on runtimes later in this chapter).
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .unwrap();
    let start = Instant::now();
    let threads = runtime.block_on(with_tasks());
    println!(
        "{N} waits on tasks: {:?}, on {threads} thread",
        start.elapsed()
    );
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_thread_is_a_new_os_thread() {
        assert_eq!(with_threads(), N);
    }

    // The claim: many tasks share fewer threads. Here, all of them share one,
    // and the waits overlap: the whole batch takes one WAIT.
    #[tokio::test(start_paused = true)]
    async fn a_thousand_tasks_share_one_thread_and_wait_together() {
        let start = tokio::time::Instant::now();
        assert_eq!(with_tasks().await, 1);
        assert_eq!(start.elapsed(), WAIT);
    }
}
