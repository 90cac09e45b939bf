use std::pin::pin;
use std::task::Waker;

// ANCHOR: trait
mod copy_of_std {
    use std::pin::Pin;
    use std::task::Context;

    /// std::future::Future
    #[must_use = "futures do nothing unless you `.await` or poll them"]
    pub trait Future {
        type Output;

        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output>;
    }

    /// std::task::Poll
    #[must_use = "this `Poll` may be a `Pending` variant, which should be handled"]
    #[derive(Copy, Clone, Debug, Eq, PartialEq, Ord, PartialOrd, Hash)]
    pub enum Poll<T> {
        Ready(T),
        Pending,
    }
}
// ANCHOR_END: trait

use copy_of_std::{Future, Poll};
use std::pin::Pin;
use std::task::Context;

// Every real future is also a `copy_of_std::Future`, so that `main` below can
// poll one through the copy: its `poll` hands the same arguments to std's.
impl<F: std::future::Future + ?Sized> Future for F {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match std::future::Future::poll(self, cx) {
            std::task::Poll::Ready(value) => Poll::Ready(value),
            std::task::Poll::Pending => Poll::Pending,
        }
    }
}

// ANCHOR: main
fn main() {
    // An async block is a future; poll it once, by hand, with no runtime.
    let mut future = pin!(async { 40 + 2 });
    let mut cx = Context::from_waker(Waker::noop());
    match Future::poll(future.as_mut(), &mut cx) {
        Poll::Ready(value) => println!("Ready({value})"),
        Poll::Pending => println!("Pending"),
    }
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_async_block_is_ready_on_its_first_poll() {
        let mut future = pin!(async { 40 + 2 });
        let mut cx = Context::from_waker(Waker::noop());
        assert_eq!(Future::poll(future.as_mut(), &mut cx), Poll::Ready(42));
    }
}
