// ANCHOR: all
use tokio::time::{Duration, sleep};

/// Sends a report, which takes a second.
async fn send_report() {
    println!("task: sending the report");
    sleep(Duration::from_secs(1)).await;
    println!("task: report sent"); // never printed
}

// One thread, so the order of the lines is always the same.
#[tokio::main(flavor = "current_thread")]
async fn main() {
    tokio::spawn(send_report()); // the JoinHandle is dropped: nobody waits
    sleep(Duration::from_millis(10)).await;
    println!("main: done");
} // the runtime shuts down here, and drops the unfinished task
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    /// Sets its flag when it is dropped.
    struct SetOnDrop(Arc<AtomicBool>);

    impl Drop for SetOnDrop {
        fn drop(&mut self) {
            self.0.store(true, Ordering::SeqCst);
        }
    }

    // A runtime like `main`'s, on the paused clock: its block_on returns after
    // 10 ms, with the one-second task barely started. Dropping the runtime drops the
    // task and what it owns, and the task never finishes.
    #[test]
    fn shutting_down_the_runtime_drops_an_unfinished_task() {
        let dropped = Arc::new(AtomicBool::new(false));
        let finished = Arc::new(AtomicBool::new(false));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .start_paused(true)
            .build()
            .unwrap();
        runtime.block_on(async {
            let guard = SetOnDrop(Arc::clone(&dropped));
            let finished = Arc::clone(&finished);
            tokio::spawn(async move {
                let _guard = guard;
                send_report().await;
                finished.store(true, Ordering::SeqCst);
            });
            sleep(Duration::from_millis(10)).await;
        });
        assert!(!dropped.load(Ordering::SeqCst));
        drop(runtime);
        assert!(dropped.load(Ordering::SeqCst));
        assert!(!finished.load(Ordering::SeqCst));
    }
}
