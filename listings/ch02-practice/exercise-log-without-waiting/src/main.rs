use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::sleep;

// ANCHOR: exercise
/// Sends log lines to a task that writes them, slowly (50 ms each).
struct Logger {
    lines: mpsc::Sender<String>,
    dropped: AtomicUsize,
}

impl Logger {
    /// Starts the writing task, with room for `capacity` waiting lines.
    fn start(capacity: usize) -> Arc<Logger> {
        let (lines, mut receiver) = mpsc::channel::<String>(capacity);
        tokio::spawn(async move {
            while let Some(line) = receiver.recv().await {
                sleep(Duration::from_millis(50)).await; // a slow disk
                println!("log: {line}");
            }
        });
        Arc::new(Logger {
            lines,
            dropped: AtomicUsize::new(0),
        })
    }

    /// Logs a line.
    /// TODO: never wait. When the channel is full, drop the line and count
    /// it in `dropped` instead.
    async fn log(&self, line: String) {
        self.lines.send(line).await.unwrap();
    }

    fn dropped(&self) -> usize {
        self.dropped.load(Ordering::SeqCst)
    }
}

// One thread, on Tokio's paused clock: timers fire exactly on time, so the
// program prints the same on every run, however busy the machine is.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let logger = Logger::start(2);
    for request in 1..=5 {
        logger.log(format!("request {request}")).await;
    }
    println!("handled 5 requests");
    println!("dropped {} lines", logger.dropped());
    sleep(Duration::from_millis(500)).await; // let the logger catch up
}
// ANCHOR_END: exercise

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    #[ignore = "exercise: run with `cargo test -p ch02-exercise-log-without-waiting -- --include-ignored`"]
    async fn logging_never_makes_the_caller_wait() {
        let logger = Logger::start(2);
        let start = Instant::now();
        for n in 0..10 {
            logger.log(format!("line {n}")).await;
        }
        assert_eq!(
            start.elapsed(),
            Duration::ZERO,
            "logging must never make the caller wait"
        );
    }

    #[tokio::test(start_paused = true)]
    #[ignore = "exercise: run with `cargo test -p ch02-exercise-log-without-waiting -- --include-ignored`"]
    async fn lines_that_do_not_fit_are_dropped_and_counted() {
        let logger = Logger::start(2);
        for n in 0..10 {
            logger.log(format!("line {n}")).await;
        }
        // The writing task has not run yet: two lines fit in the channel.
        assert_eq!(logger.dropped(), 8, "8 of the 10 lines do not fit");
    }
}
