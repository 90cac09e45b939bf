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
    use std::cell::Cell;
    use std::future::poll_fn;
    use std::task::Poll;
    use tokio::time::{Instant, timeout};

    fn said() -> Vec<String> {
        SAID.take()
    }

    #[tokio::test(start_paused = true)]
    async fn both_complete_in_one_second_not_two() {
        let start = Instant::now();
        run_both().await;
        assert_eq!(start.elapsed(), Duration::from_secs(1));
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

    // `join!` polls every future that has not finished each time it is
    // polled, not only the one whose waker was called. `never_wakes` never
    // calls its waker and is ready on its fifth poll: it gets there only
    // because the ticker's four wakes make `join!` poll it again each time.
    #[tokio::test(start_paused = true)]
    async fn join_polls_every_unfinished_future_on_each_wake() {
        let polls = Cell::new(0);
        let never_wakes = poll_fn(|_| {
            polls.set(polls.get() + 1);
            if polls.get() == 5 {
                Poll::Ready(())
            } else {
                Poll::Pending
            }
        });
        let ticker = async {
            for _ in 0..4 {
                sleep(Duration::from_millis(10)).await;
            }
        };
        let joined = timeout(Duration::from_secs(1), async {
            tokio::join!(never_wakes, ticker);
        });
        assert!(joined.await.is_ok(), "never_wakes was not polled enough");
        assert_eq!(polls.get(), 5);
    }
}
