use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

/// Counts how many times the future inside it is polled.
struct Counted {
    polls: u32,
    inner: Pin<Box<dyn Future<Output = u32>>>,
}

impl Future for Counted {
    type Output = (u32, u32);

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<(u32, u32)> {
        self.polls += 1;
        match self.inner.as_mut().poll(cx) {
            Poll::Ready(value) => Poll::Ready((value, self.polls)),
            Poll::Pending => Poll::Pending,
        }
    }
}

#[tokio::main]
async fn main() {
    let counted = Counted {
        polls: 0,
        inner: Box::pin(async { 7 }),
    };
    println!("{:?}", counted.await);
}
