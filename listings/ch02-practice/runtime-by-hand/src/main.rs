// ANCHOR: all
use tokio::time::{Duration, sleep};

// What `#[tokio::main]` turns `async fn main` into: a plain `main` that
// builds a runtime and blocks the main thread on the async body.
fn main() {
    let body = async {
        println!("Starting...");
        sleep(Duration::from_secs(1)).await;
        println!("Done!");
    };

    tokio::runtime::Builder::new_multi_thread()
        .enable_all() // the I/O and timer drivers: without them, `sleep` panics
        .build()
        .expect("Failed building the Runtime")
        .block_on(body);
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use tokio::runtime::Builder;
    use tokio::time::{Duration, sleep};

    // The claim: `block_on` runs a future to the end on the calling thread
    // and hands back its output.
    #[test]
    fn block_on_returns_the_futures_output() {
        let runtime = Builder::new_multi_thread().enable_all().build().unwrap();
        let caller = std::thread::current().id();
        let (value, ran_on) = runtime.block_on(async {
            sleep(Duration::from_millis(1)).await;
            (42, std::thread::current().id())
        });
        assert_eq!(value, 42);
        assert_eq!(ran_on, caller);
    }

    // The claim in the comment: a runtime built without `enable_all` (or
    // `enable_time`) has no timer, and Tokio's `sleep` panics on it.
    #[test]
    #[should_panic(expected = "timers are disabled")]
    fn without_the_drivers_sleep_panics() {
        let runtime = Builder::new_multi_thread().build().unwrap();
        runtime.block_on(async { sleep(Duration::from_millis(1)).await });
    }
}
