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

// ANCHOR: crunch
use tokio::task::yield_now;

/// Computes in three chunks of a few milliseconds each. If `polite`, it
/// yields to the runtime after each chunk.
async fn crunch(polite: bool) -> u64 {
    let mut total = 0;
    for chunk in 1..=3 {
        total += (0..1_000_000u64).map(std::hint::black_box).sum::<u64>();
        say(format!("  crunch: chunk {chunk} done"));
        if polite {
            yield_now().await;
        }
    }
    total
}

/// Another future in the same task, with a little to do, three times.
async fn heartbeat() {
    for beat in 1..=3 {
        say(format!("  heartbeat {beat}"));
        yield_now().await;
    }
}
// ANCHOR_END: crunch

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("without yield_now:");
    tokio::join!(biased; crunch(false), heartbeat());
    println!("with yield_now:");
    tokio::join!(biased; crunch(true), heartbeat());
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    fn said() -> Vec<String> {
        SAID.take()
    }

    #[tokio::test]
    async fn a_computation_that_never_yields_starves_the_other_future() {
        tokio::join!(biased; crunch(false), heartbeat());
        assert_eq!(
            said(),
            [
                "  crunch: chunk 1 done",
                "  crunch: chunk 2 done",
                "  crunch: chunk 3 done",
                "  heartbeat 1",
                "  heartbeat 2",
                "  heartbeat 3",
            ]
        );
    }

    #[tokio::test]
    async fn yield_now_lets_the_other_future_run_between_chunks() {
        tokio::join!(biased; crunch(true), heartbeat());
        assert_eq!(
            said(),
            [
                "  crunch: chunk 1 done",
                "  heartbeat 1",
                "  crunch: chunk 2 done",
                "  heartbeat 2",
                "  crunch: chunk 3 done",
                "  heartbeat 3",
            ]
        );
    }
}
