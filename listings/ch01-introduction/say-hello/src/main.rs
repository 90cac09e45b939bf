// ANCHOR: all
// In Cargo.toml: tokio = { version = "1", features = ["full"] }

use tokio::time::{Duration, sleep};

async fn say_hello() {
    println!("Hello");
    sleep(Duration::from_secs(1)).await;
    println!("World");
}

#[tokio::main]
async fn main() {
    say_hello().await;
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use super::*;
    use std::future::poll_fn;
    use std::pin::{Pin, pin};
    use std::task::Poll;
    use tokio::runtime::{Handle, RuntimeFlavor};
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn say_hello_waits_exactly_one_second() {
        let start = Instant::now();
        say_hello().await;
        assert_eq!(start.elapsed(), Duration::from_secs(1));
    }

    /// Polls `future` once, with the current task's waker.
    async fn poll_once<F: Future>(future: Pin<&mut F>) -> Poll<F::Output> {
        let mut future = future;
        poll_fn(|cx| Poll::Ready(future.as_mut().poll(cx))).await
    }

    // A `sleep` polled by hand, first 400 ms after it was created: it is
    // `Pending` until one second after its creation, then `Ready`.
    #[tokio::test(start_paused = true)]
    async fn sleep_is_pending_until_the_deadline_set_at_its_call() {
        let mut sleep = pin!(sleep(Duration::from_secs(1)));
        tokio::time::advance(Duration::from_millis(400)).await;
        assert!(poll_once(sleep.as_mut()).await.is_pending());
        tokio::time::advance(Duration::from_millis(599)).await;
        assert!(poll_once(sleep.as_mut()).await.is_pending());
        tokio::time::advance(Duration::from_millis(1)).await;
        assert!(poll_once(sleep.as_mut()).await.is_ready());
    }

    // Polled for the first time 20 ms after it was created, once the timer
    // has seen those 20 ms go by, a 10 ms `sleep` is ready at once.
    #[tokio::test(start_paused = true)]
    async fn a_sleep_first_polled_after_its_deadline_is_ready_at_once() {
        let mut sleep = pin!(sleep(Duration::from_millis(10)));
        tokio::time::advance(Duration::from_millis(20)).await;
        assert!(poll_once(sleep.as_mut()).await.is_ready());
    }

    // `sleep` looks for the runtime when it is called, not when polled.
    #[test]
    #[should_panic(expected = "must be called from the context of a Tokio 1.x runtime")]
    fn sleep_panics_when_called_outside_a_runtime() {
        let _sleep = sleep(Duration::from_secs(1));
    }

    // A task spawned from a worker goes to that worker's own queue (the
    // first one to its "next task" slot; a second spawn pushes it into the
    // queue). While this worker is blocked, without an `.await`, the other
    // worker takes the task from its queue and runs it; had it not, the
    // blocked worker would time out.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn an_idle_worker_steals_a_task_from_a_busy_workers_queue() {
        let (busy, ran_on) = tokio::spawn(async {
            let (tx, rx) = std::sync::mpsc::channel();
            let _queued = tokio::spawn(async move { tx.send(std::thread::current().id()) });
            let _next = tokio::spawn(async {});
            let busy = std::thread::current().id();
            (busy, rx.recv_timeout(Duration::from_secs(1)))
        })
        .await
        .unwrap();
        let ran_on = ran_on.expect("no other worker took the task");
        assert_ne!(ran_on, busy);
    }

    // `#[tokio::main]` works on any async fn without arguments: it turns it
    // into a plain fn that starts a runtime and blocks on the body.
    #[tokio::main]
    async fn flavor_and_workers_of_tokio_main() -> (RuntimeFlavor, usize) {
        let handle = Handle::current();
        (handle.runtime_flavor(), handle.metrics().num_workers())
    }

    /// The thread the body runs on, and the thread a task it spawns runs on.
    #[tokio::main]
    async fn threads_of_body_and_task() -> (std::thread::Thread, std::thread::Thread) {
        let task = tokio::spawn(async { std::thread::current() });
        (std::thread::current(), task.await.unwrap())
    }

    /// The flavor, and whether a spawned task ran on the thread that called
    /// the function.
    #[tokio::main(flavor = "current_thread")]
    async fn flavor_of_current_thread_main() -> (RuntimeFlavor, bool) {
        let caller = std::thread::current().id();
        let task = tokio::spawn(async { std::thread::current().id() });
        let on_caller = task.await.unwrap() == caller;
        (Handle::current().runtime_flavor(), on_caller)
    }

    #[test]
    fn tokio_main_is_multi_threaded_by_default() {
        assert_eq!(
            flavor_and_workers_of_tokio_main().0,
            RuntimeFlavor::MultiThread
        );
    }

    #[test]
    fn tokio_main_starts_one_worker_per_available_cpu() {
        if std::env::var_os("TOKIO_WORKER_THREADS").is_some() {
            return; // the variable sets the count instead
        }
        let cpus = std::thread::available_parallelism().unwrap().get();
        assert_eq!(flavor_and_workers_of_tokio_main().1, cpus);
    }

    // The body runs in `block_on`, on the thread that called the function
    // (for `main`, the main thread); spawned tasks run on the workers.
    #[test]
    fn the_body_runs_on_the_calling_thread_and_tasks_on_the_workers() {
        let (body, task) = threads_of_body_and_task();
        assert_eq!(body.id(), std::thread::current().id());
        assert_ne!(task.id(), body.id());
        assert_eq!(task.name(), Some("tokio-rt-worker"));
    }

    #[test]
    fn current_thread_flavor_runs_tasks_on_the_calling_thread() {
        assert_eq!(
            flavor_of_current_thread_main(),
            (RuntimeFlavor::CurrentThread, true)
        );
    }
}
