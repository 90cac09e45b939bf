use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier};
use std::thread;
use std::time::{Duration, Instant};

const N: usize = 1_000;
const WAIT: Duration = Duration::from_millis(100);

// ANCHOR: threads
/// Waits N times at once, one OS thread per wait. Returns the fewest
/// threads that any of them saw started when it began its wait.
fn with_threads() -> usize {
    let started = Arc::new(AtomicUsize::new(0));
    // No thread starts its wait before all N exist, as in a server that
    // holds N connections open at the same time.
    let all_started = Arc::new(Barrier::new(N));
    let handles: Vec<_> = (0..N)
        .map(|_| {
            let started = Arc::clone(&started);
            let all_started = Arc::clone(&all_started);
            thread::spawn(move || {
                started.fetch_add(1, Ordering::SeqCst);
                all_started.wait();
                let seen = started.load(Ordering::SeqCst);
                thread::sleep(WAIT);
                seen
            })
        })
        .collect();
    let seen = handles.into_iter().map(|h| h.join().unwrap());
    seen.min().unwrap()
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
        "{N} waits on threads: {:?}, {threads} threads at once",
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
    // What a waiting task keeps: its future (the runtime adds its own
    // bookkeeping when it spawns the task).
    let size = std::mem::size_of_val(&one_wait());
    println!("each task's future: {size} bytes");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;

    // Each thread counts itself in, then meets the others at the barrier,
    // and only then reads the count: with the barrier, every one of them sees
    // all N started before it begins its wait (without it, the first threads
    // would see fewer).
    #[test]
    fn every_thread_begins_its_wait_after_all_thousand_exist() {
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

    /// The system allocator, counting the allocations (and their bytes) that
    /// a thread makes while its `TRACKING` is on.
    struct Tracking;

    thread_local! {
        static TRACKING: Cell<bool> = const { Cell::new(false) };
        static ALLOCATED: Cell<(usize, usize)> = const { Cell::new((0, 0)) };
    }

    unsafe impl GlobalAlloc for Tracking {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            if TRACKING.try_with(Cell::get).unwrap_or(false) {
                let _ = ALLOCATED.try_with(|a| {
                    let (count, bytes) = a.get();
                    a.set((count + 1, bytes + layout.size()));
                });
            }
            unsafe { System.alloc(layout) }
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    #[global_allocator]
    static ALLOCATOR: Tracking = Tracking;

    // Spawning puts the future, the task's state and the runtime's
    // bookkeeping for it in one block of 256 bytes (Tokio aligns it to 128
    // bytes on x86-64 and aarch64, to keep tasks on separate cache lines).
    #[test]
    fn spawning_the_task_makes_one_allocation_of_256_bytes() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build()
            .unwrap();
        runtime.block_on(async {
            // The first spawn may also set up the runtime's own queues.
            let warm_up = tokio::spawn(one_wait());
            TRACKING.set(true);
            let task = tokio::spawn(one_wait());
            TRACKING.set(false);
            assert_eq!(ALLOCATED.get(), (1, 256));
            task.abort();
            warm_up.abort();
        });
    }
}
