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
    use futures::FutureExt;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};
    use tokio::runtime::Handle;

    // Nothing in these two functions needs Tokio: the futures run on any
    // executor, here the one in the `futures` crate.
    #[test]
    fn any_executor_can_run_these_futures() {
        assert_eq!(futures::executor::block_on(fetch_data()), "data");
        futures::executor::block_on(process_data());
    }

    // One poll runs `process_data` through `fetch_data().await` to its end:
    // `now_or_never` polls once and gives `Some` only if that poll was `Ready`.
    #[test]
    fn one_poll_runs_process_data_to_the_end() {
        assert_eq!(process_data().now_or_never(), Some(()));
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

    // A finished `async fn` future is in its "returned" state; polling it
    // again panics.
    #[test]
    #[should_panic(expected = "`async fn` resumed after completion")]
    fn polling_a_finished_future_again_panics() {
        let mut future = pin!(fetch_data());
        let mut cx = Context::from_waker(Waker::noop());
        assert!(matches!(future.as_mut().poll(&mut cx), Poll::Ready(_)));
        let _ = future.as_mut().poll(&mut cx);
    }
}
