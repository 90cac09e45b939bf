use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll, Wake, Waker};

/// A waker that notes that it was called.
struct Flag(AtomicBool);

impl Wake for Flag {
    fn wake(self: Arc<Self>) {
        println!("wake");
        self.0.store(true, Ordering::SeqCst);
    }
}

/// Wakes itself twice on its first poll, and never again.
struct WakesTwice {
    polls: u32,
}

impl Future for WakesTwice {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        self.polls += 1;
        println!("poll {}", self.polls);
        if self.polls == 1 {
            cx.waker().wake_by_ref();
            cx.waker().wake_by_ref();
        }
        Poll::Pending
    }
}

/// Polls again whenever the waker was called since the last poll; stops
/// when the future is `Pending` and nobody called it.
fn run<F: Future>(future: F) {
    let mut future = Box::pin(future);
    let flag = Arc::new(Flag(AtomicBool::new(false)));
    let waker = Waker::from(flag.clone());
    let mut cx = Context::from_waker(&waker);
    while future.as_mut().poll(&mut cx).is_pending() {
        if !flag.0.swap(false, Ordering::SeqCst) {
            println!("not woken: stop");
            return;
        }
    }
}

fn main() {
    run(WakesTwice { polls: 0 });
}
