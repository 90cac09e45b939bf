use std::sync::atomic::{AtomicU32, Ordering};

// ANCHOR: retry
use tokio::time::Duration;

async fn fetch_with_retry(
    server: &FlakyServer,
    url: &str,
    max_attempts: u32,
) -> Result<String, String> {
    for attempt in 1..=max_attempts {
        match server.fetch(url).await {
            Ok(data) => return Ok(data),
            Err(e) if attempt < max_attempts => {
                println!("Attempt {} failed: {}", attempt, e);
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Err(e) => return Err(e),
        }
    }
    Err("Max attempts reached".into())
}
// ANCHOR_END: retry

// ANCHOR: server
/// A simulated server that fails its first `failures` requests.
struct FlakyServer {
    failures: u32,
    requests: AtomicU32,
}

impl FlakyServer {
    fn new(failures: u32) -> Self {
        FlakyServer {
            failures,
            requests: AtomicU32::new(0),
        }
    }

    async fn fetch(&self, url: &str) -> Result<String, String> {
        let request = self.requests.fetch_add(1, Ordering::SeqCst) + 1;
        if request <= self.failures {
            Err(format!("{url} is unavailable (request {request})"))
        } else {
            Ok(format!("data from {url}"))
        }
    }
}
// ANCHOR_END: server

// ANCHOR: main
#[tokio::main]
async fn main() {
    for failures in [2, 5] {
        println!("A server that fails {failures} times, 3 attempts:");
        let server = FlakyServer::new(failures);
        match fetch_with_retry(&server, "https://example.com", 3).await {
            Ok(data) => println!("Got: {}", data),
            Err(e) => println!("Gave up: {}", e),
        }
    }
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    const URL: &str = "https://example.com";

    fn requests(server: &FlakyServer) -> u32 {
        server.requests.load(Ordering::SeqCst)
    }

    // The claim: after two failures, the third attempt succeeds, having
    // waited 100 ms after each failure.
    #[tokio::test(start_paused = true)]
    async fn succeeds_on_attempt_three_after_two_failures() {
        let server = FlakyServer::new(2);
        let start = Instant::now();
        let result = fetch_with_retry(&server, URL, 3).await;
        assert_eq!(result, Ok(String::from("data from https://example.com")));
        assert_eq!(requests(&server), 3);
        assert_eq!(start.elapsed(), Duration::from_millis(200));
    }

    // The claim: it gives up after max_attempts, with the last error, and
    // does not wait after the last attempt.
    #[tokio::test(start_paused = true)]
    async fn gives_up_after_max_attempts_with_the_last_error() {
        let server = FlakyServer::new(5);
        let start = Instant::now();
        let result = fetch_with_retry(&server, URL, 3).await;
        assert_eq!(
            result,
            Err(String::from(
                "https://example.com is unavailable (request 3)"
            ))
        );
        assert_eq!(requests(&server), 3);
        assert_eq!(start.elapsed(), Duration::from_millis(200));
    }

    // A fetch that works the first time costs no wait at all.
    #[tokio::test(start_paused = true)]
    async fn a_first_time_success_does_not_wait() {
        let server = FlakyServer::new(0);
        let start = Instant::now();
        assert!(fetch_with_retry(&server, URL, 3).await.is_ok());
        assert_eq!(requests(&server), 1);
        assert_eq!(start.elapsed(), Duration::ZERO);
    }

    // The claim: the last line of fetch_with_retry is reached only when
    // max_attempts is 0, and then nothing is fetched.
    #[tokio::test(start_paused = true)]
    async fn zero_attempts_fetch_nothing() {
        let server = FlakyServer::new(0);
        let result = fetch_with_retry(&server, URL, 0).await;
        assert_eq!(result, Err(String::from("Max attempts reached")));
        assert_eq!(requests(&server), 0);
    }
}
