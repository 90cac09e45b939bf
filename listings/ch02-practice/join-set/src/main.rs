use std::cell::RefCell;

thread_local! {
    /// The pages `fetch` has fetched on this thread (read by the tests).
    static FETCHED: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
}

use tokio::time::{Duration, sleep};

/// Stands in for a request whose reply takes `id * 100` ms.
async fn fetch(id: u64) -> String {
    sleep(Duration::from_millis(id * 100)).await;
    FETCHED.with_borrow_mut(|fetched| fetched.push(id));
    format!("page {id}")
}

// ANCHOR: join_set
use tokio::task::JoinSet;

/// One task per id; the pages come back in the order they arrive.
async fn fetch_as_they_finish(ids: &[u64]) -> Vec<String> {
    let mut set = JoinSet::new();
    for &id in ids {
        set.spawn(fetch(id));
    }
    let mut pages = Vec::new();
    while let Some(result) = set.join_next().await {
        pages.push(result.expect("a fetch panicked"));
    }
    pages
}

/// The first page to arrive. Dropping `set` aborts the tasks still running.
async fn first_to_finish(ids: &[u64]) -> String {
    let mut set = JoinSet::new();
    for &id in ids {
        set.spawn(fetch(id));
    }
    set.join_next()
        .await
        .expect("no ids")
        .expect("a fetch panicked")
}
// ANCHOR_END: join_set

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let ids = [3, 1, 2];
    println!("as they finish: {:?}", fetch_as_they_finish(&ids).await);
    println!("first to finish: {:?}", first_to_finish(&ids).await);
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    fn fetched() -> Vec<u64> {
        FETCHED.take()
    }

    #[tokio::test(start_paused = true)]
    async fn join_next_gives_results_in_completion_order() {
        let start = Instant::now();
        let pages = fetch_as_they_finish(&[3, 1, 2]).await;
        assert_eq!(pages, ["page 1", "page 2", "page 3"]);
        assert_eq!(start.elapsed(), Duration::from_millis(300));
    }

    // The two slower tasks were aborted when the set was dropped: long after
    // their replies were due, neither has finished.
    #[tokio::test(start_paused = true)]
    async fn dropping_the_set_aborts_the_tasks_still_running() {
        assert_eq!(first_to_finish(&[3, 1, 2]).await, "page 1");
        sleep(Duration::from_secs(10)).await;
        assert_eq!(fetched(), [1]);
    }
}
