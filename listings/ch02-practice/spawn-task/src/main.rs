// ANCHOR: all
use tokio::task;
use tokio::time::{Duration, sleep};

#[tokio::main]
async fn main() {
    let handle = task::spawn(async {
        sleep(Duration::from_secs(1)).await;
        "task result"
    });

    println!("Task spawned, doing other work...");

    // Wait for the task to complete
    let result = handle.await.unwrap();
    println!("Task returned: {}", result);
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use tokio::task;
    use tokio::time::{Duration, Instant, sleep};

    // The claim that sets a task apart from a plain future: a spawned task
    // starts running at once, without anyone awaiting its handle, so its
    // second of sleep overlaps the spawner's own second of work. Were it
    // lazy like a future, awaiting the handle would take a second more.
    #[tokio::test(start_paused = true)]
    async fn a_spawned_task_runs_while_the_spawner_works() {
        let start = Instant::now();
        let handle = task::spawn(async {
            sleep(Duration::from_secs(1)).await;
            "task result"
        });
        sleep(Duration::from_secs(1)).await; // the spawner's "other work"
        assert_eq!(handle.await.unwrap(), "task result");
        assert_eq!(start.elapsed(), Duration::from_secs(1));
    }
}
