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
    use std::sync::{Arc, Condvar, Mutex, mpsc};

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

    // On a current-thread runtime: a `spawn_blocking` closure says where it
    // runs and that it is about to block, then blocks until it hears from a
    // task; the task waits for that signal before it sends, so the closure is
    // blocked while the runtime's one thread runs the task. Had the closure
    // run on the runtime's thread, it could not be on another thread, and the
    // task could not run while it blocked: the closure would time out, or
    // (run when awaited) never start before the timeout below.
    #[tokio::test(start_paused = true)]
    async fn the_runtime_thread_runs_its_tasks_while_a_blocking_closure_waits() {
        let runtime_thread = std::thread::current().id();
        let (started_tx, started_rx) = tokio::sync::oneshot::channel();
        let (tx, rx) = mpsc::channel();
        let closure = tokio::task::spawn_blocking(move || {
            started_tx.send(std::thread::current().id()).unwrap(); // about to block
            rx.recv_timeout(SECOND)
        });
        let task = tokio::spawn(async move {
            let closure_thread = started_rx.await.unwrap();
            tx.send(std::thread::current().id()).unwrap();
            closure_thread
        });
        // While a blocking closure runs, the paused clock does not jump ahead
        // on its own: this timeout only fires if the closure never starts.
        let closure_thread = tokio::time::timeout(SECOND, task)
            .await
            .expect("the closure never started while the runtime ran")
            .unwrap();
        assert_ne!(closure_thread, runtime_thread);
        assert_eq!(closure.await.unwrap(), Ok(runtime_thread));
    }

    // The blocking pool starts a thread for each closure that finds all of
    // its threads busy: a hundred closures that each wait until all hundred
    // are running do all run at once (on a runtime that has one thread of
    // its own). Had the pool stopped growing earlier, they would time out.
    #[tokio::test]
    async fn a_hundred_blocking_closures_that_wait_for_each_other_all_run_at_once() {
        const CLOSURES: usize = 100;
        let running = Arc::new((Mutex::new(0), Condvar::new()));
        let closures: Vec<_> = (0..CLOSURES)
            .map(|_| {
                let running = Arc::clone(&running);
                tokio::task::spawn_blocking(move || {
                    let (count, changed) = &*running;
                    let mut count = count.lock().unwrap();
                    *count += 1;
                    changed.notify_all();
                    let (_count, wait) = changed
                        .wait_timeout_while(count, SECOND, |count| *count < CLOSURES)
                        .unwrap();
                    !wait.timed_out()
                })
            })
            .collect();
        for closure in closures {
            assert!(closure.await.unwrap(), "not all closures ran at once");
        }
    }
}
