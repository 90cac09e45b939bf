use std::thread::{self, ThreadId};
use std::time::Duration;

// ANCHOR: exercise
/// A slow computation that never awaits: it holds its thread for 200 ms.
/// Returns its result and the thread it ran on.
fn checksum(data: &[u8]) -> (u64, ThreadId) {
    thread::sleep(Duration::from_millis(200)); // stands for heavy work
    let sum = data.iter().map(|&b| u64::from(b)).sum();
    (sum, thread::current().id())
}

/// Computes the checksum without holding up the runtime.
/// TODO: run `checksum` on Tokio's blocking pool, so the runtime's thread
/// stays free for other tasks while it works.
async fn checksum_async(data: Vec<u8>) -> (u64, ThreadId) {
    checksum(&data)
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let runtime_thread = thread::current().id();
    let (sum, worker) = checksum_async(vec![1, 2, 3]).await;
    println!("checksum: {sum}");
    println!("ran on the runtime's thread: {}", worker == runtime_thread);
}
// ANCHOR_END: exercise

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    // A `#[tokio::test]` runtime is a current-thread runtime: it polls every
    // task on the test's own thread (blocking work goes to its blocking pool).
    #[tokio::test]
    #[ignore = "exercise: run with `cargo test -p ch02-exercise-spawn-blocking -- --include-ignored`"]
    async fn the_work_leaves_the_runtime_thread() {
        let (sum, worker) = checksum_async(vec![1, 2, 3]).await;
        assert_eq!(sum, 6);
        assert_ne!(
            worker,
            thread::current().id(),
            "checksum must not run on the runtime's thread"
        );
    }

    #[tokio::test]
    #[ignore = "exercise: run with `cargo test -p ch02-exercise-spawn-blocking -- --include-ignored`"]
    async fn other_tasks_run_while_the_checksum_is_computed() {
        let other_ran = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&other_ran);
        tokio::spawn(async move { flag.store(true, Ordering::SeqCst) });
        let (sum, _) = checksum_async(vec![1, 2, 3]).await;
        assert_eq!(sum, 6);
        assert!(
            other_ran.load(Ordering::SeqCst),
            "the runtime's thread must stay free while checksum works"
        );
    }
}
