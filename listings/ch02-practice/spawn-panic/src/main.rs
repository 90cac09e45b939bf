// ANCHOR: all
use tokio::task;
use tokio::time::{Duration, sleep};

#[tokio::main]
async fn main() {
    let handle = task::spawn(async {
        let numbers: Vec<u32> = Vec::new();
        numbers[0] // panics: the vector is empty
    });

    // The panic ends the task, not the program: the handle reports it.
    match handle.await {
        Ok(value) => println!("the task returned {value}"),
        Err(e) if e.is_panic() => println!("the task panicked: {e}"),
        Err(e) => println!("the task failed another way: {e}"),
    }

    // A task can also be cancelled from outside. Its handle says so too.
    let sleeper = task::spawn(sleep(Duration::from_secs(60)));
    sleeper.abort();
    let e = sleeper.await.unwrap_err();
    println!("the aborted task: cancelled = {}", e.is_cancelled());
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use tokio::task;
    use tokio::time::{Duration, sleep};

    // The claims: a panic in a spawned task comes back as a JoinError that
    // `is_panic`, carrying the panic's payload; the spawner goes on.
    #[tokio::test]
    async fn a_panicking_task_yields_a_join_error() {
        let error = task::spawn(async { panic!("boom") }).await.unwrap_err();
        assert!(error.is_panic());
        let payload = error.into_panic();
        assert_eq!(payload.downcast_ref::<&str>(), Some(&"boom"));
    }

    #[tokio::test(start_paused = true)]
    async fn an_aborted_task_yields_a_cancelled_join_error() {
        let sleeper = task::spawn(sleep(Duration::from_secs(60)));
        sleeper.abort();
        assert!(sleeper.await.unwrap_err().is_cancelled());
    }
}
