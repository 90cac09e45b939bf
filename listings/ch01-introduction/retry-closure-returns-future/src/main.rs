use std::fmt::Display;
use tokio::time::{Duration, sleep};

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

// ANCHOR: retry
/// The same helper, over a closure that returns a future.
async fn retry<T, E: Display, F: Future<Output = Result<T, E>>>(
    max_attempts: u32,
    mut operation: impl FnMut() -> F,
) -> Result<T, E> {
    let mut attempt = 1;
    loop {
        match operation().await {
            Ok(value) => return Ok(value),
            Err(e) if attempt < max_attempts => {
                println!("Attempt {attempt} failed: {e}");
                sleep(Duration::from_millis(100)).await;
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    }
}

#[tokio::main]
async fn main() {
    let server = FlakyServer { failures: 2 };
    let url = "https://example.com";
    let mut requests = 0;
    let result = retry(3, || async {
        requests += 1;
        server.fetch(url, requests).await
    })
    .await;
    println!("{result:?} after {requests} requests");
}
// ANCHOR_END: retry
