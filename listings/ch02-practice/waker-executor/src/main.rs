use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, Thread};
use std::time::Duration;

// ANCHOR: executor
use std::task::{Context, Poll, Wake, Waker};

/// The executor's waker: notes that the future asked to be polled again,
/// and unparks the thread that runs the executor.
struct ThreadWaker {
    thread: Thread,
    woken: AtomicBool,
}

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.woken.store(true, Ordering::SeqCst);
        self.thread.unpark();
    }
}

/// How many times `block_on` has called `poll` (read by `main`).
static POLLS: AtomicUsize = AtomicUsize::new(0);

/// Runs a future to completion on this thread. Between two polls the thread
/// sleeps, until the future's waker has been called.
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let waker = Arc::new(ThreadWaker {
        thread: thread::current(),
        woken: AtomicBool::new(false),
    });
    let context_waker = Waker::from(Arc::clone(&waker));
    let mut cx = Context::from_waker(&context_waker);
    loop {
        POLLS.fetch_add(1, Ordering::SeqCst);
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        // Sleep until `wake()` has been called: at once if it already was
        // (during the poll, say). `park` may also return for no reason, so
        // check the flag each time; taking it resets it for the next poll.
        while !waker.woken.swap(false, Ordering::SeqCst) {
            thread::park();
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

    /// Runs `block_on(make())` on a thread of its own, and returns how many
    /// polls it took; fails, instead of hanging, if it never returns.
    fn polls_to_finish<F: Future>(make: impl FnOnce() -> F + Send + 'static) -> usize {
        let (done, finished) = mpsc::channel();
        thread::spawn(move || {
            let polls = AtomicUsize::new(0);
            block_on(counting_polls(make(), &polls));
            done.send(polls.load(Ordering::SeqCst)).unwrap();
        });
        finished
            .recv_timeout(Duration::from_secs(10))
            .expect("block_on never returned: a wake was lost")
    }

    // The executor does not poll in a loop: one poll to start, and one
    // more after the timer's single `wake()`.
    #[test]
    fn one_wake_gives_one_more_poll() {
        assert_eq!(polls_to_finish(|| Timer::new(Duration::from_millis(20))), 2);
    }

    // Poll 1 wakes twice during the poll, before the executor parks, and
    // returns `Pending`. Poll 2 starts a thread that will wake it once,
    // 20 ms later, and returns `Pending`. Poll 3 finds the thread done. An
    // executor that polled once per wake would poll a third time straight
    // after the second (for poll 1's second wake), find the thread not done
    // yet, and need a fourth poll.
    #[test]
    fn two_wakes_before_the_next_poll_give_one_poll_not_two() {
        let polls = polls_to_finish(|| {
            let mut polls = 0;
            let done = Arc::new(AtomicBool::new(false));
            std::future::poll_fn(move |cx| {
                polls += 1;
                match polls {
                    1 => {
                        cx.waker().wake_by_ref();
                        cx.waker().wake_by_ref();
                        Poll::Pending
                    }
                    2 => {
                        let (done, waker) = (Arc::clone(&done), cx.waker().clone());
                        thread::spawn(move || {
                            thread::sleep(Duration::from_millis(20));
                            done.store(true, Ordering::SeqCst);
                            waker.wake();
                        });
                        Poll::Pending
                    }
                    _ if done.load(Ordering::SeqCst) => Poll::Ready(()),
                    _ => Poll::Pending,
                }
            })
        });
        assert_eq!(polls, 3);
    }

    // Tokio's scheduler does the same with a task: three wakes during one
    // poll queue the task once, so it is polled once more, not three times;
    // and `wake()` only schedules that poll, it does not run it: the poll
    // that called it is still the only one when the wakes return.
    #[test]
    fn tokio_queues_a_woken_task_once_and_polls_it_later() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let (polls, polls_after_the_wakes) = runtime.block_on(async {
            tokio::spawn(async {
                let polls = AtomicUsize::new(0);
                let mut polls_after_the_wakes = 0;
                std::future::poll_fn(|cx| {
                    if polls.fetch_add(1, Ordering::SeqCst) > 0 {
                        return Poll::Ready(());
                    }
                    for _ in 0..3 {
                        cx.waker().wake_by_ref();
                    }
                    polls_after_the_wakes = polls.load(Ordering::SeqCst);
                    Poll::Pending
                })
                .await;
                (polls.load(Ordering::SeqCst), polls_after_the_wakes)
            })
            .await
            .unwrap()
        });
        assert_eq!(polls_after_the_wakes, 1, "wake() did not poll the task");
        assert_eq!(polls, 2, "one more poll for three wakes");
    }
}
