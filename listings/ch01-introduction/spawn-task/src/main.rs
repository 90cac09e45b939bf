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
    use tokio::time::Instant;

    // The claim: the spawned task runs while `main` does its other work, so
    // the 50 ms of work and the task's 100 ms overlap: 100 ms in all, not 150.
    #[tokio::test(start_paused = true)]
    async fn the_task_runs_while_main_works() {
        let start = Instant::now();
        let handle = tokio::spawn(async {
            sleep(Duration::from_millis(100)).await;
            42
        });
        sleep(Duration::from_millis(50)).await;
        assert!(!handle.is_finished());
        assert_eq!(handle.await.unwrap(), 42);
        assert_eq!(start.elapsed(), Duration::from_millis(100));
    }

    // The claim: awaiting a JoinHandle gives Ok(value) when the task finished...
    #[tokio::test]
    async fn a_finished_task_gives_ok() {
        let handle = tokio::spawn(async { 42 });
        assert_eq!(handle.await.ok(), Some(42));
    }

    // ...and Err(JoinError) when it panicked...
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

    // ...or when it was cancelled before it finished.
    #[tokio::test]
    async fn an_aborted_task_gives_err() {
        let handle = tokio::spawn(async {
            sleep(Duration::from_secs(10)).await;
            42
        });
        handle.abort();
        let error = handle.await.unwrap_err();
        assert!(error.is_cancelled());
    }
}
