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

/// Stands in for a request that takes `ms` and may fail.
async fn fetch(what: &str, ms: u64, fails: bool) -> Result<String, String> {
    sleep(Duration::from_millis(ms)).await;
    if fails {
        say(format!("  {what}: failed"));
        return Err(format!("{what}: not found"));
    }
    say(format!("  {what}: done"));
    Ok(format!("the {what}"))
}
// ANCHOR_END: fetch

// ANCHOR: join
/// Both or nothing: the first error ends the wait.
async fn both_or_nothing() -> Result<(String, String), String> {
    tokio::try_join!(fetch("profile", 400, false), fetch("settings", 100, true))
}

/// Each its own result: wait for both, whatever happens.
async fn each_its_own() -> (Result<String, String>, Result<String, String>) {
    tokio::join!(fetch("profile", 400, false), fetch("settings", 100, true))
}

/// Any number of them, all or nothing.
async fn all_or_nothing(pages: &[(&str, u64, bool)]) -> Result<Vec<String>, String> {
    futures::future::try_join_all(
        pages
            .iter()
            .map(|&(what, ms, fails)| fetch(what, ms, fails)),
    )
    .await
}
// ANCHOR_END: join

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("try_join!:");
    println!("{:?}", both_or_nothing().await);
    sleep(Duration::from_millis(400)).await; // would the profile still arrive?
    println!("join!:");
    println!("{:?}", each_its_own().await);
    println!("try_join_all:");
    let pages = [("b", 100, true), ("a", 300, false), ("c", 200, false)];
    println!("{:?}", all_or_nothing(&pages).await);
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    fn said() -> Vec<String> {
        SAID.take()
    }

    // The error comes back at 100 ms, when it happens; the profile's future
    // is dropped then, and never finishes, however long the test waits.
    #[tokio::test(start_paused = true)]
    async fn try_join_returns_the_first_error_at_once_and_drops_the_rest() {
        let start = Instant::now();
        assert_eq!(both_or_nothing().await, Err("settings: not found".into()));
        assert_eq!(start.elapsed(), Duration::from_millis(100));
        sleep(Duration::from_secs(10)).await;
        assert_eq!(said(), ["  settings: failed"]);
    }

    #[tokio::test(start_paused = true)]
    async fn join_waits_for_every_result() {
        let start = Instant::now();
        let (profile, settings) = each_its_own().await;
        assert_eq!(start.elapsed(), Duration::from_millis(400));
        assert_eq!(profile, Ok("the profile".into()));
        assert_eq!(settings, Err("settings: not found".into()));
    }

    #[tokio::test(start_paused = true)]
    async fn try_join_all_stops_at_the_first_error_too() {
        let start = Instant::now();
        let pages = [("a", 300, false), ("b", 100, true), ("c", 200, false)];
        assert_eq!(all_or_nothing(&pages).await, Err("b: not found".into()));
        assert_eq!(start.elapsed(), Duration::from_millis(100));
    }
}
