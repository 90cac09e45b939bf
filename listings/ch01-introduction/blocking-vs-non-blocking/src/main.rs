// ANCHOR: all
use std::time::{Duration, Instant};

/// Non-blocking: while the timer runs, `.await` gives the thread back.
async fn non_blocking_wait(name: &str, time: Duration) {
    println!("{name}: start");
    tokio::time::sleep(time).await;
}

/// Blocking: `std::thread::sleep` holds the thread for the whole wait, as a
/// long computation would. There is no `.await` at which to let others run.
async fn blocking_wait(name: &str, time: Duration) {
    println!("{name}: start");
    std::thread::sleep(time);
}

#[tokio::main]
async fn main() {
    let second = Duration::from_secs(1);

    let start = Instant::now();
    tokio::join!(
        non_blocking_wait("a", second),
        non_blocking_wait("b", second)
    );
    println!("non-blocking, joined: took {:.2?}", start.elapsed());

    let start = Instant::now();
    tokio::join!(blocking_wait("c", second), blocking_wait("d", second));
    println!("blocking, joined: took {:.2?}", start.elapsed());
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    const SECOND: Duration = Duration::from_secs(1);

    #[tokio::test(start_paused = true)]
    async fn non_blocking_waits_overlap() {
        let start = tokio::time::Instant::now();
        tokio::join!(
            non_blocking_wait("a", SECOND),
            non_blocking_wait("b", SECOND)
        );
        assert_eq!(start.elapsed(), SECOND);
    }

    // Two blocking waits cannot overlap, even under join!: they take at least
    // the sum of their times. (The paused clock does not see a blocking
    // sleep, so this one measures real time, as a lower bound, with 50 ms
    // waits to keep the test short.)
    #[tokio::test]
    async fn blocking_waits_add_up_even_when_joined() {
        let wait = Duration::from_millis(50);
        let start = Instant::now();
        tokio::join!(blocking_wait("c", wait), blocking_wait("d", wait));
        assert!(start.elapsed() >= 2 * wait);
    }

    // On a multi-thread runtime, a task that blocks its worker does not stop
    // the other tasks: while it blocks (without awaiting) until it hears from
    // another task, that task runs on the other worker and answers.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_blocked_worker_does_not_stop_tasks_on_other_workers() {
        let (tx, rx) = mpsc::channel();
        let blocked = tokio::spawn(async move { rx.recv_timeout(Duration::from_secs(5)) });
        tokio::spawn(async move { tx.send("from another task").unwrap() });
        assert_eq!(blocked.await.unwrap(), Ok("from another task"));
    }

    // On a current-thread runtime: a `spawn_blocking` closure blocks until it
    // hears from a task, and that task runs on the runtime's one thread,
    // after an `.await`, meanwhile. Had the closure run on the runtime's
    // thread, nothing could have sent, and it would have timed out.
    #[tokio::test]
    async fn the_runtime_thread_runs_its_tasks_while_a_blocking_closure_waits() {
        let runtime_thread = std::thread::current().id();
        let (tx, rx) = mpsc::channel();
        let closure = tokio::task::spawn_blocking(move || rx.recv_timeout(SECOND));
        let task = tokio::spawn(async move {
            tokio::task::yield_now().await;
            tx.send(std::thread::current().id()).unwrap();
        });
        task.await.unwrap();
        assert_eq!(closure.await.unwrap(), Ok(runtime_thread));
    }
}
