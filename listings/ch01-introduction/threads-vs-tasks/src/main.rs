use std::collections::HashSet;
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::{Duration, Instant};

const N: usize = 1_000;
const WAIT: Duration = Duration::from_millis(100);

// ANCHOR: threads
/// Waits N times at once, one OS thread per wait.
/// Returns how many different threads did the waiting.
fn with_threads() -> usize {
    // No thread starts its wait before all N exist, as in a server that
    // holds N connections open at the same time.
    let all_started = Arc::new(Barrier::new(N));
    let handles: Vec<_> = (0..N)
        .map(|_| {
            let all_started = Arc::clone(&all_started);
            thread::spawn(move || {
                all_started.wait();
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
/// One wait, as an async task does it.
async fn one_wait() -> thread::ThreadId {
    tokio::time::sleep(WAIT).await;
    thread::current().id()
}

/// Waits N times at once, one async task per wait.
/// Returns how many different threads did the waiting.
async fn with_tasks() -> usize {
    let handles: Vec<_> = (0..N).map(|_| tokio::spawn(one_wait())).collect();
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
    // What a waiting task keeps: its future (the runtime adds a small header).
    let size = std::mem::size_of_val(&one_wait());
    println!("each task's future: {size} bytes");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    // `with_threads` returns only once all N threads have met at the
    // barrier: they exist, and then wait, at the same time.
    #[test]
    fn a_thousand_threads_wait_at_the_same_time() {
        assert_eq!(with_threads(), N);
    }

    // On a current-thread runtime, as in `main`: every task ran on the one
    // thread, and the thousand waits overlapped, so the batch took one WAIT.
    #[test]
    fn a_thousand_tasks_wait_together_on_one_thread() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build()
            .unwrap();
        let (threads, elapsed) = runtime.block_on(async {
            let start = tokio::time::Instant::now();
            (with_tasks().await, start.elapsed())
        });
        assert_eq!(threads, 1);
        assert_eq!(elapsed, WAIT);
    }

    #[test]
    fn a_waiting_tasks_future_is_120_bytes() {
        assert_eq!(std::mem::size_of_val(&one_wait()), 120);
    }
}
