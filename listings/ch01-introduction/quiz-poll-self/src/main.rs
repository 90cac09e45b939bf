use std::future::Future;
use std::task::{Context, Poll};

struct Seven;

impl Future for Seven {
    type Output = u32;

    fn poll(&mut self, _cx: &mut Context<'_>) -> Poll<u32> {
        Poll::Ready(7)
    }
}

fn main() {
    let _future = Seven;
    println!("created");
}
