use std::cell::RefCell;

thread_local! {
    static SAID: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Prints a line, and keeps it so that the order of events can be checked.
fn say(line: impl Into<String>) {
    let line = line.into();
    println!("{line}");
    SAID.with_borrow_mut(|said| said.push(line));
}

// ANCHOR: fetch
use tokio::time::{Duration, sleep};

/// Stands in for a request that takes `id * 100` ms. Page 2 does not exist,
/// and page 4 hits a bug.
async fn fetch(id: u64) -> Result<String, String> {
    sleep(Duration::from_millis(id * 100)).await;
    match id {
        2 => Err("not found".to_string()),
        4 => panic!("bug while fetching page 4"),
        _ => {
            say(format!("  fetched page {id}"));
            Ok(format!("page {id}"))
        }
    }
}
// ANCHOR_END: fetch

// ANCHOR: fetch_all
use std::error::Error;

/// Any error, from any task, that can cross threads.
type BoxError = Box<dyn Error + Send + Sync>;

/// One task per page; the first error of any kind is returned.
async fn fetch_all(ids: &[u64]) -> Result<Vec<String>, BoxError> {
    let handles: Vec<_> = ids.iter().map(|&id| tokio::spawn(fetch(id))).collect();
    let mut pages = Vec::new();
    for (id, handle) in ids.iter().zip(handles) {
        let result = handle.await?; // the task panicked or was cancelled
        let page = result.map_err(|e| format!("page {id}: {e}"))?; // the task's own error
        pages.push(page);
    }
    Ok(pages)
}
// ANCHOR_END: fetch_all

// ANCHOR: fetch_each
use tokio::task::JoinSet;

/// One task per page; every page that arrived, and every error.
async fn fetch_each(ids: &[u64]) -> (Vec<String>, Vec<String>) {
    let mut set = JoinSet::new();
    for &id in ids {
        set.spawn(async move { fetch(id).await.map_err(|e| format!("page {id}: {e}")) });
    }
    let (mut pages, mut errors) = (Vec::new(), Vec::new());
    while let Some(joined) = set.join_next().await {
        match joined {
            Ok(Ok(page)) => pages.push(page),
            Ok(Err(error)) => errors.push(error),
            Err(join_error) => errors.push(join_error.to_string()), // it panicked
        }
    }
    (pages, errors)
}
// ANCHOR_END: fetch_each

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() {
    match fetch_all(&[1, 2]).await {
        Ok(pages) => println!("fetch_all: {pages:?}"),
        Err(e) => println!("fetch_all failed: {e}"),
    }
    let (pages, errors) = fetch_each(&[1, 2, 3, 4]).await;
    println!("fetch_each: {pages:?}");
    for error in errors {
        println!("  error: {error}");
    }
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    fn said() -> Vec<String> {
        SAID.take()
    }

    // The task's own error comes out of the second `?`, with the context
    // that `map_err` added, when page 2 fails, at 200 ms.
    #[tokio::test(start_paused = true)]
    async fn the_tasks_own_error_comes_out_of_the_second_question_mark() {
        let start = Instant::now();
        let error = fetch_all(&[1, 2]).await.unwrap_err();
        assert_eq!(error.to_string(), "page 2: not found");
        assert_eq!(start.elapsed(), Duration::from_millis(200));
    }

    // A panic in a task is a `JoinError`, which the first `?` returns.
    #[tokio::test(start_paused = true)]
    async fn a_panic_in_a_task_comes_out_of_the_first_question_mark() {
        let error = fetch_all(&[4]).await.unwrap_err();
        let join_error = error.downcast::<tokio::task::JoinError>().unwrap();
        assert!(join_error.is_panic());
    }

    // `fetch_all` returned at 200 ms, but dropping page 3's `JoinHandle`
    // did not stop its task: page 3 is fetched all the same.
    #[tokio::test(start_paused = true)]
    async fn returning_early_leaves_the_other_tasks_running() {
        assert!(fetch_all(&[2, 3]).await.is_err());
        assert_eq!(said(), Vec::<String>::new());
        sleep(Duration::from_secs(1)).await;
        assert_eq!(said(), ["  fetched page 3"]);
    }

    #[tokio::test(start_paused = true)]
    async fn a_join_set_collects_every_page_and_every_error() {
        let (pages, errors) = fetch_each(&[1, 2, 3, 4]).await;
        assert_eq!(pages, ["page 1", "page 3"]);
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0], "page 2: not found");
        assert!(errors[1].ends_with("panicked with message \"bug while fetching page 4\""));
    }
}
