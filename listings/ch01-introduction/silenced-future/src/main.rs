// ANCHOR: all
// The same lint, still an error: yet this compiles without a word.
#![deny(unused_must_use)]

use std::sync::atomic::{AtomicU32, Ordering};

/// How many times the body of `fetch_data` has started.
static STARTED: AtomicU32 = AtomicU32::new(0);

async fn fetch_data() -> String {
    STARTED.fetch_add(1, Ordering::SeqCst);
    String::from("data")
}

#[tokio::main]
async fn main() {
    #[expect(clippy::let_underscore_future)] // Clippy flags this line
    let _ = fetch_data(); // dropped at once
    let _future = fetch_data(); // dropped at the end of `main`
    drop(fetch_data()); // dropped by hand
    println!(
        "fetch_data started {} times",
        STARTED.load(Ordering::SeqCst)
    );
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use super::*;

    // The crate denies `unused_must_use`, so compiling this test at all shows
    // that none of the three lines warns; running it, that no body started.
    #[test]
    fn futures_bound_to_underscore_or_dropped_never_run() {
        main();
        assert_eq!(STARTED.load(Ordering::SeqCst), 0);
    }
}
