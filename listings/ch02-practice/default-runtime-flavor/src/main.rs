// ANCHOR: all
use tokio::runtime::Handle;

#[tokio::main]
async fn main() {
    let runtime = Handle::current();
    println!("runtime flavor: {:?}", runtime.runtime_flavor());
    println!("worker threads: {}", runtime.metrics().num_workers());

    let spawned_on = tokio::spawn(async { std::thread::current().name().map(String::from) })
        .await
        .unwrap();
    println!("main runs on thread {:?}", std::thread::current().name());
    println!("a spawned task ran on thread {spawned_on:?}");
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use tokio::runtime::{Handle, RuntimeFlavor};

    // What `main` above sees, returned instead of printed: the runtime that
    // `#[tokio::main]` builds when given no arguments.
    #[tokio::main]
    async fn what_tokio_main_builds() -> (RuntimeFlavor, usize, Option<String>) {
        let runtime = Handle::current();
        let spawned_on = tokio::spawn(async { std::thread::current().name().map(String::from) })
            .await
            .unwrap();
        (
            runtime.runtime_flavor(),
            runtime.metrics().num_workers(),
            spawned_on,
        )
    }

    #[test]
    fn tokio_main_builds_a_multi_thread_runtime_with_a_worker_per_cpu() {
        let (flavor, workers, _) = what_tokio_main_builds();
        assert_eq!(flavor, RuntimeFlavor::MultiThread);
        let expected = match std::env::var("TOKIO_WORKER_THREADS") {
            Ok(n) => n.parse().unwrap(),
            Err(_) => std::thread::available_parallelism().unwrap().get(),
        };
        assert_eq!(workers, expected);
    }

    #[test]
    fn a_spawned_task_runs_on_a_worker_thread() {
        let (_, _, spawned_on) = what_tokio_main_builds();
        assert_eq!(spawned_on.as_deref(), Some("tokio-rt-worker"));
    }
}
