use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

// ANCHOR: exercise
/// A future that is ready after it has been polled `remaining + 1` times:
/// each poll that finds `remaining > 0` counts down and returns `Pending`.
struct Countdown {
    remaining: u32,
    polls: u32,
}

impl Future for Countdown {
    type Output = u32; // the number of polls it took

    /// TODO: count down as the doc comment above says. Before returning
    /// `Pending`, wake the task (`cx.waker().wake_by_ref()`), or nothing
    /// will ever poll it again.
    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<u32> {
        self.polls += 1;
        println!("poll {}: {} to go", self.polls, self.remaining);
        Poll::Ready(self.polls)
    }
}

#[tokio::main]
async fn main() {
    let polls = Countdown {
        remaining: 3,
        polls: 0,
    }
    .await;
    println!("ready after {polls} polls");
}
// ANCHOR_END: exercise

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    #[ignore = "exercise: run with `cargo test -p ch01-exercise-countdown-future -- --include-ignored`"]
    async fn it_takes_remaining_plus_one_polls() {
        for remaining in [0, 1, 5] {
            let polls = Countdown {
                remaining,
                polls: 0,
            }
            .await;
            assert_eq!(
                polls,
                remaining + 1,
                "a countdown from {remaining} takes {} polls",
                remaining + 1
            );
        }
    }

    /// The mistake this exercise warns about: `Pending` without a wake.
    struct ForgetsToWake(std::sync::Arc<std::sync::atomic::AtomicU32>);

    impl Future for ForgetsToWake {
        type Output = ();

        fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
            self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            Poll::Pending
        }
    }

    // Tokio polls it once, then never again: after a whole second, it still
    // has one poll, and whoever awaits it waits forever.
    #[tokio::test(start_paused = true)]
    #[ignore = "exercise: run with `cargo test -p ch01-exercise-countdown-future -- --include-ignored`"]
    async fn pending_without_a_wake_is_never_polled_again() {
        let polls = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
        let task = tokio::spawn(ForgetsToWake(std::sync::Arc::clone(&polls)));
        tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        assert_eq!(polls.load(std::sync::atomic::Ordering::SeqCst), 1);
        task.abort();
    }
}
