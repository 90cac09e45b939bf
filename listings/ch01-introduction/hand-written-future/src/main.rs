// ANCHOR: countdown
use std::future::Future;
use std::pin::{Pin, pin};
use std::task::{Context, Poll, Waker};

/// A future that is not ready the first `remaining` times it is polled.
struct Countdown {
    remaining: u32,
}

impl Future for Countdown {
    type Output = &'static str;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.remaining == 0 {
            println!("poll: Ready");
            return Poll::Ready("liftoff");
        }
        println!("poll: Pending ({} to go)", self.remaining);
        self.remaining -= 1;
        // Ask to be polled again (a real future would arrange for this to
        // happen when its data arrives).
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
// ANCHOR_END: countdown

// ANCHOR: main
/// The smallest possible executor: poll until Ready.
fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(value) = future.as_mut().poll(&mut cx) {
            return value;
        }
    }
}

fn main() {
    let result = block_on(Countdown { remaining: 3 });
    println!("result: {result}");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    // The claim: a future is only ever driven by someone polling it, and it
    // reports Pending until it can finish.
    #[test]
    fn countdown_is_pending_exactly_remaining_times() {
        let mut future = pin!(Countdown { remaining: 2 });
        let mut cx = Context::from_waker(Waker::noop());
        assert!(future.as_mut().poll(&mut cx).is_pending());
        assert!(future.as_mut().poll(&mut cx).is_pending());
        assert_eq!(future.as_mut().poll(&mut cx), Poll::Ready("liftoff"));
    }
}
