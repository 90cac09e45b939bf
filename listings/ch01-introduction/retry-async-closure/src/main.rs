use std::fmt::Display;

// ANCHOR: retry
use tokio::time::{Duration, sleep};

/// Runs `operation` until it succeeds, at most `max_attempts` times (and at
/// least once), waiting a second after each failure but the last.
async fn retry<T, E: Display>(
    max_attempts: u32,
    mut operation: impl AsyncFnMut() -> Result<T, E>,
) -> Result<T, E> {
    let mut attempt = 1;
    loop {
        match operation().await {
            Ok(value) => return Ok(value),
            Err(e) if attempt < max_attempts => {
                println!("Attempt {attempt} failed: {e}");
                sleep(Duration::from_secs(1)).await;
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    }
}
// ANCHOR_END: retry

// ANCHOR: server
/// A simulated server that fails its first `failures` requests.
struct FlakyServer {
    failures: u32,
}

impl FlakyServer {
    async fn fetch(&self, url: &str, request: u32) -> Result<String, String> {
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
    let server = FlakyServer { failures: 2 };
    let url = "https://example.com";
    let mut requests = 0;
    // An async closure: it borrows `server` and `url`, and changes `requests`.
    let result = retry(3, async || {
        requests += 1;
        server.fetch(url, requests).await
    })
    .await;
    println!("{result:?} after {requests} requests");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    // Against a server that fails twice: three calls of the closure, which
    // counted them in the variable it borrows, and a second of waiting after
    // each failure.
    #[tokio::test(start_paused = true)]
    async fn succeeds_on_the_third_call_of_the_closure_after_two_seconds() {
        let server = FlakyServer { failures: 2 };
        let mut requests = 0;
        let start = Instant::now();
        let result = retry(3, async || {
            requests += 1;
            server.fetch("u", requests).await
        })
        .await;
        assert_eq!(result, Ok(String::from("data from u")));
        assert_eq!(requests, 3);
        assert_eq!(start.elapsed(), Duration::from_secs(2));
    }

    // The same helper retries any async operation: here a plain async block
    // run by a closure that fails every time.
    #[tokio::test(start_paused = true)]
    async fn gives_up_after_max_attempts_with_the_last_error() {
        let mut calls = 0;
        let result: Result<(), String> = retry(4, async || {
            calls += 1;
            Err(format!("failure {calls}"))
        })
        .await;
        assert_eq!(result, Err(String::from("failure 4")));
        assert_eq!(calls, 4);
    }
}
