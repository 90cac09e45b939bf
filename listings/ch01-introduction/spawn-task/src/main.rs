// ANCHOR: all
use tokio::time::{Duration, sleep};

// One thread, so the order of the lines below is always the same.
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let handle = tokio::spawn(async {
        println!("task: started");
        sleep(Duration::from_millis(100)).await;
        42
    });

    // Do other work...
    println!("main: doing other work");
    sleep(Duration::from_millis(50)).await;
    println!("main: other work done, waiting for the task");

    let result = handle.await.unwrap();
    println!("Task returned: {}", result);
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    // On a multi-thread runtime, a spawned task can start on another worker
    // while the spawning code has not reached any `.await` yet: this test's
    // body blocks its thread, without awaiting, until the task has run.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn on_multi_thread_a_task_can_start_before_main_awaits() {
        let (started_tx, started_rx) = mpsc::channel();
        let _task = tokio::spawn(async move { started_tx.send("task: started").unwrap() });
        let started = started_rx.recv_timeout(std::time::Duration::from_secs(5));
        assert_eq!(started, Ok("task: started"));
    }

    #[tokio::test]
    async fn a_finished_task_gives_ok() {
        let handle = tokio::spawn(async { 42 });
        assert_eq!(handle.await.ok(), Some(42));
    }

    #[tokio::test]
    async fn a_panicking_task_gives_err() {
        let handle = tokio::spawn(async {
            if true {
                panic!("the task panicked");
            }
            42
        });
        let error = handle.await.unwrap_err();
        assert!(error.is_panic());
    }

    // After a task has panicked, the same runtime runs the next one as usual.
    #[tokio::test]
    async fn the_runtime_survives_a_panicking_task() {
        let panicked = tokio::spawn(async { panic!("the task panicked") });
        assert!(panicked.await.unwrap_err().is_panic());
        assert_eq!(tokio::spawn(async { 42 }).await.unwrap(), 42);
    }

    // Cancelled in the middle of its sleep, after it has started: awaiting
    // the handle gives a cancelled `JoinError`, at once.
    #[tokio::test(start_paused = true)]
    async fn an_aborted_task_gives_err() {
        let handle = tokio::spawn(async {
            sleep(Duration::from_secs(10)).await;
            42
        });
        sleep(Duration::from_millis(10)).await;
        let start = tokio::time::Instant::now();
        handle.abort();
        let error = handle.await.unwrap_err();
        assert!(error.is_cancelled());
        assert_eq!(start.elapsed(), Duration::ZERO);
    }
}
