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
    // returns `Pending`. Poll 2 starts a thread that will set `done` and
    // wake the future once it has waited 100 ms for a poll that must not
    // come, and returns `Pending`. An executor that polled once per wake
    // would poll a third time straight after the second (for poll 1's
    // second wake): that poll would find `done` not set, and note that it
    // came early. The book's executor polls a third time only after the
    // thread's wake, and finds `done` set.
    #[test]
    fn two_wakes_before_the_next_poll_give_one_poll_not_two() {
        let early = Arc::new(AtomicBool::new(false));
        let polled_early = Arc::clone(&early);
        let polls = polls_to_finish(move || {
            let mut polls = 0;
            let done = Arc::new(AtomicBool::new(false));
            let (early_poll, early_polls) = mpsc::channel::<()>();
            let mut early_polls = Some(early_polls);
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
                        let early_polls = early_polls.take().unwrap();
                        thread::spawn(move || {
                            // Ends at once if a poll comes early, else after 100 ms.
                            let _ = early_polls.recv_timeout(Duration::from_millis(100));
                            done.store(true, Ordering::SeqCst);
                            waker.wake();
                        });
                        Poll::Pending
                    }
                    _ if done.load(Ordering::SeqCst) => Poll::Ready(()),
                    _ => {
                        polled_early.store(true, Ordering::SeqCst);
                        let _ = early_poll.send(());
                        Poll::Pending
                    }
                }
            })
        });
        assert!(
            !early.load(Ordering::SeqCst),
            "a poll came before the thread's wake"
        );
        assert_eq!(polls, 3);
    }

    // Tokio's scheduler does the same with a task: three wakes during one
    // poll queue the task once, so it is polled once more, not three times
    // (the task stays `Pending` after that poll, so a queue entry per wake
    // would poll it a third time). And `wake()`, called from outside the
    // task, only schedules the next poll: it does not run it.
    #[test]
    fn tokio_queues_a_woken_task_once_and_polls_it_later() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        runtime.block_on(async {
            let polls = Arc::new(AtomicUsize::new(0));
            let parked: Arc<Mutex<Option<Waker>>> = Arc::default();
            let (p, w) = (Arc::clone(&polls), Arc::clone(&parked));
            let task = tokio::spawn(std::future::poll_fn(move |cx| {
                match p.fetch_add(1, Ordering::SeqCst) {
                    0 => {
                        for _ in 0..3 {
                            cx.waker().wake_by_ref();
                        }
                        Poll::Pending
                    }
                    1 => {
                        // Waits, and nothing wakes it but the test below.
                        *w.lock().unwrap() = Some(cx.waker().clone());
                        Poll::Pending
                    }
                    _ => Poll::Ready(()),
                }
            }));
            for _ in 0..10 {
                tokio::task::yield_now().await; // every queued poll gets to run
            }
            assert_eq!(
                polls.load(Ordering::SeqCst),
                2,
                "three wakes gave one more poll"
            );
            parked.lock().unwrap().take().unwrap().wake();
            assert_eq!(
                polls.load(Ordering::SeqCst),
                2,
                "wake() did not run the poll"
            );
            task.await.unwrap();
            assert_eq!(polls.load(Ordering::SeqCst), 3);
        });
    }
}
