// ANCHOR: all
async fn fetch_data() -> String {
    // This is an async function
    "data".to_string()
}

async fn process_data() {
    // `fetch_data()`'s future is `Ready` on its first poll, so nothing
    // pauses here: `process_data` runs to its end in one poll.
    let data = fetch_data().await;
    println!("Got: {}", data);
}

#[tokio::main]
async fn main() {
    process_data().await;
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::runtime::Handle;

    // Nothing in these two functions needs Tokio: the futures run on any
    // executor, here the one in the `futures` crate.
    #[test]
    fn any_executor_can_run_these_futures() {
        assert_eq!(futures::executor::block_on(fetch_data()), "data");
        futures::executor::block_on(process_data());
    }

    // Awaiting a future makes no task: inside a chain of `.await`s run by
    // `block_on` (here the test's body), the runtime has no task at all.
    // Only `spawn` makes one.
    #[tokio::test]
    async fn awaiting_makes_no_task_spawning_does() {
        async fn tasks_alive() -> usize {
            Handle::current().metrics().num_alive_tasks()
        }
        async fn outer() -> usize {
            tasks_alive().await
        }
        assert_eq!(outer().await, 0);
        assert_eq!(tokio::spawn(outer()).await.unwrap(), 1);
    }
}
