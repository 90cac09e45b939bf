use std::future::Future;
use std::marker::PhantomPinned;
use std::pin::Pin;
use std::task::{Context, Poll};

// ANCHOR: countdown
/// The countdown again, with a field that is not `Unpin`.
struct Countdown {
    remaining: u32,
    _pinned: PhantomPinned, // makes `Countdown` not `Unpin`
}

impl Future for Countdown {
    type Output = &'static str;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.remaining == 0 {
            return Poll::Ready("liftoff");
        }
        self.remaining -= 1; // needs `&mut Countdown`
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
// ANCHOR_END: countdown

fn main() {
    let _countdown = Countdown {
        remaining: 3,
        _pinned: PhantomPinned,
    };
}
