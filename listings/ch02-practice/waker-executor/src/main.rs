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

// ANCHOR: signal
/// A one-shot signal: `Pending` until some thread calls `set`.
#[derive(Clone, Default)]
struct Signal(Arc<Mutex<State>>);

#[derive(Default)]
struct State {
    set: bool,
    waker: Option<Waker>,
}

impl Signal {
    /// Marks the signal as set and wakes whoever waits for it.
    fn set(&self) {
        let mut state = self.0.lock().unwrap();
        state.set = true;
        if let Some(waker) = state.waker.take() {
            waker.wake();
        }
    }
}

impl Future for Signal {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut state = self.0.lock().unwrap();
        if state.set {
            Poll::Ready(())
        } else {
            // Remember whom to wake: the waker of the latest poll.
            state.waker = Some(cx.waker().clone());
            Poll::Pending
        }
    }
}
// ANCHOR_END: signal

// ANCHOR: main
fn main() {
    let signal = Signal::default();
    let answer = block_on(async {
        println!("future: starting a timer thread, then waiting for the signal");
        let setter = signal.clone();
        thread::spawn(move || {
            thread::sleep(Duration::from_millis(50));
            println!("timer thread: 50 ms are up, calling set()");
            setter.set();
        });
        signal.await;
        println!("future: signalled");
        42
    });
    println!(
        "block_on returned {answer} after {} polls",
        POLLS.load(Ordering::SeqCst)
    );
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;

    /// Counts how many times `future` is polled.
    async fn counting_polls<F: Future>(future: F, polls: &AtomicUsize) -> F::Output {
        let mut future = pin!(future);
        std::future::poll_fn(|cx| {
            polls.fetch_add(1, Ordering::SeqCst);
            future.as_mut().poll(cx)
        })
        .await
    }

    // The executor does not poll in a loop: one `wake()` after the first
    // poll, one more poll. The setter waits until the first poll has
    // returned `Pending` before it calls `set`.
    #[test]
    fn one_wake_gives_one_more_poll() {
        let signal = Signal::default();
        let setter = signal.clone();
        let (first_poll_done, first_poll_seen) = mpsc::channel();
        let polls = AtomicUsize::new(0);
        let t = thread::spawn(move || {
            first_poll_seen.recv().unwrap();
            setter.set();
        });
        block_on(counting_polls(
            async {
                let mut signal = pin!(signal);
                std::future::poll_fn(|cx| {
                    let poll = signal.as_mut().poll(cx);
                    if poll.is_pending() {
                        let _ = first_poll_done.send(());
                    }
                    poll
                })
                .await
            },
            &polls,
        ));
        t.join().unwrap();
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
