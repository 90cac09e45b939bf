// ANCHOR: all
use tokio::runtime::Handle;

#[tokio::main(flavor = "multi_thread", worker_threads = 3)]
async fn main() {
    println!(
        "worker threads: {}",
        Handle::current().metrics().num_workers()
    );
    let name = tokio::spawn(async { std::thread::current().name().map(String::from) })
        .await
        .unwrap();
    println!("a spawned task ran on {name:?}");
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use tokio::runtime::Handle;

    #[tokio::main(flavor = "multi_thread", worker_threads = 3)]
    async fn workers_and_a_task_s_thread() -> (usize, Option<String>) {
        let name = tokio::spawn(async { std::thread::current().name().map(String::from) })
            .await
            .unwrap();
        (Handle::current().metrics().num_workers(), name)
    }

    #[test]
    fn the_macro_can_set_the_number_of_workers() {
        assert_eq!(workers_and_a_task_s_thread().0, 3);
    }

    #[test]
    fn spawned_tasks_run_on_workers_named_tokio_rt_worker() {
        assert_eq!(
            workers_and_a_task_s_thread().1.as_deref(),
            Some("tokio-rt-worker")
        );
    }
}
