use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, Thread};
use std::time::Duration;

// ANCHOR: executor
use std::task::{Context, Poll, Wake, Waker};

/// A waker that unparks the thread that runs the executor.
struct ThreadWaker(Thread);

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }
}

/// How many times `block_on` has called `poll` (read by `main`).
static POLLS: AtomicUsize = AtomicUsize::new(0);

/// Runs a future to completion on this thread. Between two polls the thread
/// sleeps, until the future's waker unparks it.
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let waker = Waker::from(Arc::new(ThreadWaker(thread::current())));
    let mut cx = Context::from_waker(&waker);
    loop {
        POLLS.fetch_add(1, Ordering::SeqCst);
        match future.as_mut().poll(&mut cx) {
            Poll::Ready(output) => return output,
            // Sleep until `wake()` unparks this thread. (`park` may also
            // return for no reason; polling once too often is harmless.)
            Poll::Pending => thread::park(),
        }
    }
}
// ANCHOR_END: executor

// ANCHOR: timer
/// A future that is ready `duration` after it is first polled. Its first
/// poll starts a thread that sleeps, then wakes whoever waits.
struct Timer {
    duration: Duration,
    shared: Arc<Mutex<Shared>>,
}

#[derive(Default)]
struct Shared {
    started: bool,
    done: bool,
    waker: Option<Waker>,
}

impl Timer {
    fn new(duration: Duration) -> Timer {
        let shared = Arc::default();
        Timer { duration, shared }
    }
}

impl Future for Timer {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut shared = self.shared.lock().unwrap();
        if shared.done {
            return Poll::Ready(());
        }
        // Remember whom to wake: the waker of the latest poll.
        shared.waker = Some(cx.waker().clone());
        if !shared.started {
            shared.started = true;
            let (duration, shared) = (self.duration, Arc::clone(&self.shared));
            thread::spawn(move || {
                thread::sleep(duration);
                println!("timer thread: time is up, calling wake()");
                let mut shared = shared.lock().unwrap();
                shared.done = true;
                if let Some(waker) = shared.waker.take() {
                    waker.wake();
                }
            });
        }
        Poll::Pending
    }
}
// ANCHOR_END: timer

// ANCHOR: main
fn main() {
    let answer = block_on(async {
        println!("future: waiting for a 50 ms timer");
        Timer::new(Duration::from_millis(50)).await;
        println!("future: the timer is done");
        42
    });
    let polls = POLLS.load(Ordering::SeqCst);
    println!("block_on returned {answer} after {polls} polls");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts how many times `future` is polled.
    async fn counting_polls<F: Future>(future: F, polls: &AtomicUsize) -> F::Output {
        let mut future = pin!(future);
        std::future::poll_fn(|cx| {
            polls.fetch_add(1, Ordering::SeqCst);
            future.as_mut().poll(cx)
        })
        .await
    }

    // The executor does not poll in a loop: one poll to start, and one
    // more after the timer's single `wake()`.
    #[test]
    fn one_wake_gives_one_more_poll() {
        let polls = AtomicUsize::new(0);
        block_on(counting_polls(
            Timer::new(Duration::from_millis(20)),
            &polls,
        ));
        assert_eq!(polls.load(Ordering::SeqCst), 2);
    }

    // A wake that comes before the executor parks is not lost (`unpark`
    // leaves a token that makes the next `park` return at once), and
    // several wakes before the next poll give one poll, not several.
    #[test]
    fn two_wakes_before_the_park_give_one_more_poll() {
        let polls = AtomicUsize::new(0);
        let mut woken = false;
        block_on(counting_polls(
            std::future::poll_fn(|cx| {
                if woken {
                    return Poll::Ready(());
                }
                woken = true;
                cx.waker().wake_by_ref();
                cx.waker().wake_by_ref();
                Poll::Pending
            }),
            &polls,
        ));
        assert_eq!(polls.load(Ordering::SeqCst), 2);
    }
}
