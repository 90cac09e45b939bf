// ANCHOR: all
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Waker};

fn main() {
    let mut future = async { 40 + 2 };
    let mut cx = Context::from_waker(Waker::noop());
    // `Pin::new` only accepts a pointer to an `Unpin` value.
    let poll = Pin::new(&mut future).poll(&mut cx);
    println!("{poll:?}");
}
// ANCHOR_END: all
