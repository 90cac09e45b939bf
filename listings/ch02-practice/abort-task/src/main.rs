use std::time::Duration;
use tokio::sync::oneshot;
use tokio::task::AbortHandle;
use tokio::time::sleep;

// ANCHOR: guard
/// Prints when it is dropped, to show when a task's future is dropped.
struct Guard(&'static str);

impl Drop for Guard {
    fn drop(&mut self) {
        println!("  {} dropped", self.0);
    }
}
// ANCHOR_END: guard

// ANCHOR: main
#[tokio::main(flavor = "current_thread")] // one thread: the order below never varies
async fn main() {
    println!("1. a task waiting at an .await:");
    let waiting = tokio::spawn(async {
        let _guard = Guard("the waiting task's guard");
        sleep(Duration::from_secs(60)).await;
        println!("  never printed: the task never runs again");
    });
    tokio::task::yield_now().await; // let it start and reach its `sleep`
    waiting.abort();
    println!("  abort() returned");
    let result = waiting.await;
    println!("  cancelled: {}", result.unwrap_err().is_cancelled());

    println!("2. a task that has not started yet:");
    let unstarted = tokio::spawn(async {
        let _guard = Guard("never created");
        println!("  never printed: the task never runs at all");
    });
    unstarted.abort();
    println!(
        "  cancelled: {}",
        unstarted.await.unwrap_err().is_cancelled()
    );

    println!("3. a task that is running, and finishes without another .await:");
    let (send_handle, receive_handle) = oneshot::channel::<AbortHandle>();
    let running = tokio::spawn(async move {
        let me = receive_handle.await.unwrap();
        me.abort(); // the simplest way to call `abort` while the task runs
        "finished anyway"
    });
    send_handle.send(running.abort_handle()).unwrap();
    println!("  {:?}", running.await);
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    /// Sets its flag when dropped.
    struct DropFlag(Arc<AtomicBool>);

    impl Drop for DropFlag {
        fn drop(&mut self) {
            self.0.store(true, Ordering::SeqCst);
        }
    }

    #[tokio::test(start_paused = true)]
    async fn an_idle_task_is_dropped_without_running_again() {
        let dropped = Arc::new(AtomicBool::new(false));
        let resumed = Arc::new(AtomicBool::new(false));
        let (d, r) = (dropped.clone(), resumed.clone());
        let task = tokio::spawn(async move {
            let _flag = DropFlag(d);
            sleep(Duration::from_secs(60)).await;
            r.store(true, Ordering::SeqCst);
        });
        tokio::task::yield_now().await;
        assert!(
            !dropped.load(Ordering::SeqCst),
            "the task has started and waits"
        );
        task.abort();
        assert!(task.await.unwrap_err().is_cancelled());
        assert!(dropped.load(Ordering::SeqCst));
        // Even after the 60 s it was waiting for, the rest never runs.
        sleep(Duration::from_secs(120)).await;
        assert!(!resumed.load(Ordering::SeqCst));
    }

    #[tokio::test] // a current-thread runtime, like `main`
    async fn abort_returns_before_the_task_is_dropped() {
        let dropped = Arc::new(AtomicBool::new(false));
        let d = dropped.clone();
        let task = tokio::spawn(async move {
            let _flag = DropFlag(d);
            std::future::pending::<()>().await;
        });
        tokio::task::yield_now().await;
        task.abort();
        assert!(!dropped.load(Ordering::SeqCst), "abort() only asked");
        assert!(!task.is_finished());
        assert!(task.await.unwrap_err().is_cancelled());
        assert!(
            dropped.load(Ordering::SeqCst),
            "awaiting the handle waits for the drop"
        );
    }

    #[tokio::test]
    async fn a_task_aborted_before_it_starts_never_runs() {
        let ran = Arc::new(AtomicBool::new(false));
        let r = ran.clone();
        let task = tokio::spawn(async move { r.store(true, Ordering::SeqCst) });
        task.abort();
        assert!(task.await.unwrap_err().is_cancelled());
        assert!(!ran.load(Ordering::SeqCst));
    }

    #[tokio::test]
    async fn a_task_that_does_not_yield_after_abort_completes_with_ok() {
        let (send_handle, receive_handle) = oneshot::channel::<AbortHandle>();
        let running = tokio::spawn(async move {
            receive_handle.await.unwrap().abort();
            7
        });
        send_handle.send(running.abort_handle()).unwrap();
        assert_eq!(running.await.unwrap(), 7);
    }

    #[tokio::test]
    async fn a_task_aborted_while_running_stops_at_its_next_pending_await() {
        let (send_handle, receive_handle) = oneshot::channel::<AbortHandle>();
        let after_yield = Arc::new(AtomicBool::new(false));
        let a = after_yield.clone();
        let running = tokio::spawn(async move {
            receive_handle.await.unwrap().abort();
            tokio::task::yield_now().await; // Pending once: the task stops here
            a.store(true, Ordering::SeqCst);
        });
        send_handle.send(running.abort_handle()).unwrap();
        assert!(running.await.unwrap_err().is_cancelled());
        assert!(!after_yield.load(Ordering::SeqCst));
    }

    #[test]
    fn a_started_spawn_blocking_task_ignores_abort() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let (started_tx, started_rx) = std::sync::mpsc::channel();
        let (go_tx, go_rx) = std::sync::mpsc::channel::<()>();
        let task = runtime.spawn_blocking(move || {
            started_tx.send(()).unwrap();
            go_rx.recv().unwrap();
            "ran to the end"
        });
        started_rx.recv().unwrap(); // the closure is running
        task.abort();
        go_tx.send(()).unwrap();
        assert_eq!(runtime.block_on(task).unwrap(), "ran to the end");
    }
}
