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

// ANCHOR: all
use tokio::time::{Duration, sleep};

async fn step_one() {
    sleep(Duration::from_secs(1)).await;
    say("Step one complete");
}

async fn step_two() {
    sleep(Duration::from_secs(1)).await;
    say("Step two complete");
}

async fn run_both() {
    // Run both futures concurrently, inside this one task. `biased;` polls
    // them in the order written, so when both are ready at the same moment,
    // step one prints first.
    tokio::join!(biased; step_one(), step_two());
    // Both complete in 1 second, not 2!
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    run_both().await;
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use super::*;

    fn said() -> Vec<String> {
        SAID.take()
    }

    #[tokio::test(start_paused = true)]
    async fn biased_join_polls_in_the_order_written() {
        run_both().await;
        assert_eq!(said(), ["Step one complete", "Step two complete"]);
    }

    // Without `biased;`, the first poll starts with the first future and
    // each later poll starts one further on: after the wake, step two goes
    // first.
    #[tokio::test(start_paused = true)]
    async fn unbiased_join_starts_with_the_next_future_after_a_wake() {
        tokio::join!(step_one(), step_two());
        assert_eq!(said(), ["Step two complete", "Step one complete"]);
    }
}
