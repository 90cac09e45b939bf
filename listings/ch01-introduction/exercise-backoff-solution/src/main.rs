use std::time::Duration;
use tokio::time::{Instant, sleep};

// ANCHOR: exercise
/// A service that fails its first `failures` calls.
struct Flaky {
    failures: u32,
    calls: u32,
}

impl Flaky {
    async fn call(&mut self) -> Result<&'static str, String> {
        self.calls += 1;
        if self.calls <= self.failures {
            Err(format!("call {} failed", self.calls))
        } else {
            Ok("data")
        }
    }
}

/// Calls the service up to `max_attempts` times (at least once), doubling
/// the wait after each failure: 100 ms, 200 ms, 400 ms, ...
async fn call_with_retry(service: &mut Flaky, max_attempts: u32) -> Result<&'static str, String> {
    let mut delay = Duration::from_millis(100);
    let mut attempt = 1;
    loop {
        match service.call().await {
            Ok(data) => return Ok(data),
            Err(e) if attempt >= max_attempts => return Err(e),
            Err(e) => {
                println!("{e}; retrying in {delay:?}");
                sleep(delay).await;
                delay *= 2;
                attempt += 1;
            }
        }
    }
}

#[tokio::main]
async fn main() {
    let mut service = Flaky {
        failures: 3,
        calls: 0,
    };
    let start = Instant::now();
    let result = call_with_retry(&mut service, 5).await;
    println!("{result:?} after {:.1?}", start.elapsed());
}
// ANCHOR_END: exercise

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn waits_twice_as_long_after_each_failure() {
        let mut service = Flaky {
            failures: 3,
            calls: 0,
        };
        let start = Instant::now();
        assert_eq!(call_with_retry(&mut service, 5).await, Ok("data"));
        // Three failures: 100 + 200 + 400 ms of waiting.
        assert_eq!(
            start.elapsed(),
            Duration::from_millis(700),
            "the waits must double"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn gives_up_after_max_attempts_without_a_last_wait() {
        let mut service = Flaky {
            failures: 10,
            calls: 0,
        };
        let start = Instant::now();
        assert_eq!(
            call_with_retry(&mut service, 3).await,
            Err("call 3 failed".into())
        );
        assert_eq!(service.calls, 3);
        assert_eq!(
            start.elapsed(),
            Duration::from_millis(300),
            "the waits must double"
        );
    }
}
