use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

/// Not ready on its first poll; ready on its second.
struct Twice {
    polls: u32,
}

impl Future for Twice {
    type Output = u32;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        self.polls += 1;
        println!("poll {}", self.polls);
        if self.polls < 2 {
            cx.waker().wake_by_ref();
            Poll::Pending
        } else {
            Poll::Ready(self.polls)
        }
    }
}

/// A waker that does nothing: `block_on` below polls in a loop anyway.
struct NoWake;

impl Wake for NoWake {
    fn wake(self: Arc<Self>) {}
}

/// Polls a future on this thread until it is ready.
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = Box::pin(future);
    let waker = Waker::from(Arc::new(NoWake));
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(value) = future.as_mut().poll(&mut cx) {
            return value;
        }
    }
}

fn main() {
    let first = Twice { polls: 0 };
    let _second = Twice { polls: 10 };
    println!("created");
    let n = block_on(first);
    println!("ready after {n} polls");
    println!("end");
}
