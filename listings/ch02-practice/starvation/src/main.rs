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

/// Stands for a real computation: keeps the CPU busy for `ms` milliseconds,
/// with no `.await`. (It watches the clock so that it takes as long on a
/// slow machine as on a fast one.)
fn compute_for(ms: u64) -> u64 {
    let start = std::time::Instant::now();
    let mut steps = 0u64;
    while start.elapsed() < std::time::Duration::from_millis(ms) {
        steps = std::hint::black_box(steps + 1);
    }
    steps
}

// ANCHOR: crunch
use tokio::task::yield_now;

/// Computes in three chunks of 5 ms each. If `polite`, it yields to the
/// runtime after each chunk.
async fn crunch(polite: bool) -> u64 {
    let mut steps = 0;
    for chunk in 1..=3 {
        steps += compute_for(5);
        say(format!("  crunch: chunk {chunk} done"));
        if polite {
            yield_now().await;
        }
    }
    steps
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

    // `yield_now` returns `Pending` once, but `select!` returns the other
    // branch's value in the same poll, so the task's poll goes on and the
    // other task does not run. Awaited on its own, it lets the other task run.
    #[tokio::test]
    async fn a_yield_now_whose_select_completes_in_the_same_poll_does_not_reach_the_runtime() {
        use std::sync::Arc;
        use std::sync::atomic::{AtomicBool, Ordering};

        let other_ran = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&other_ran);
        let other = tokio::spawn(async move { flag.store(true, Ordering::SeqCst) });
        tokio::select! {
            biased; // poll `yield_now` first, so that it does return `Pending`
            () = yield_now() => unreachable!("`yield_now` is `Pending` on its first poll"),
            () = std::future::ready(()) => {}
        }
        assert!(
            !other_ran.load(Ordering::SeqCst),
            "the yield reached the runtime"
        );
        yield_now().await;
        assert!(
            other_ran.load(Ordering::SeqCst),
            "a yield_now awaited on its own lets it run"
        );
        other.await.unwrap();
    }
}
