// ANCHOR: all
use tokio::time::{Duration, sleep};

// What `#[tokio::main]` turns `async fn main` into: a plain `main` that
// builds a runtime and blocks the main thread on the async body.
fn main() {
    let body = async {
        println!("Starting...");
        sleep(Duration::from_secs(1)).await;
        println!("Done!");
    };

    tokio::runtime::Builder::new_multi_thread()
        .enable_all() // the I/O driver and the timer, which `sleep` needs
        .build()
        .expect("Failed building the Runtime")
        .block_on(body);
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use tokio::runtime::Builder;
    use tokio::time::{Duration, sleep};

    #[test]
    fn block_on_runs_the_future_on_the_calling_thread_and_returns_its_output() {
        let runtime = Builder::new_multi_thread().enable_all().build().unwrap();
        let caller = std::thread::current().id();
        let (value, ran_on) = runtime.block_on(async {
            sleep(Duration::from_millis(1)).await;
            (42, std::thread::current().id())
        });
        assert_eq!(value, 42);
        assert_eq!(ran_on, caller);
    }

    // Dropping a runtime waits for a `spawn_blocking` closure that is
    // running: the closure's last line has run by the time `drop` returns.
    #[test]
    fn dropping_the_runtime_waits_for_running_blocking_work() {
        let runtime = Builder::new_multi_thread().enable_all().build().unwrap();
        let finished = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&finished);
        let (started_tx, started_rx) = std::sync::mpsc::channel();
        let _handle = runtime.spawn_blocking(move || {
            started_tx.send(()).unwrap();
            std::thread::sleep(std::time::Duration::from_millis(50));
            flag.store(true, Ordering::SeqCst);
        });
        started_rx.recv().unwrap(); // the closure is running
        drop(runtime);
        assert!(finished.load(Ordering::SeqCst));
    }
}
