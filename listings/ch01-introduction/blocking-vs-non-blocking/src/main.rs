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
    println!("non-blocking, joined: took {} s", start.elapsed().as_secs());

    let start = Instant::now();
    tokio::join!(blocking_wait("c", second), blocking_wait("d", second));
    println!("blocking, joined: took {} s", start.elapsed().as_secs());
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::sync::{Arc, Barrier};

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

    // On a current-thread runtime, two `spawn_blocking` closures meet at a
    // barrier, which only two threads other than the runtime's can do, while
    // the runtime's own thread goes on with a timer.
    #[tokio::test(start_paused = true)]
    async fn spawn_blocking_runs_off_the_runtime_thread() {
        let runtime_thread = std::thread::current().id();
        let barrier = Arc::new(Barrier::new(2));
        let closures: Vec<_> = (0..2)
            .map(|_| {
                let barrier = Arc::clone(&barrier);
                tokio::task::spawn_blocking(move || {
                    barrier.wait();
                    std::thread::current().id()
                })
            })
            .collect();
        tokio::time::sleep(SECOND).await;
        for closure in closures {
            assert_ne!(closure.await.unwrap(), runtime_thread);
        }
    }
}
