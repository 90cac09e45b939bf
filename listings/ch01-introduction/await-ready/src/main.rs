// ANCHOR: all
use tokio::time::{Duration, sleep};

/// A lookup that always hits the cache: it has nothing to wait for.
async fn cached_lookup(key: u32) -> u32 {
    key * 10
}

async fn sum_from_cache() -> u32 {
    let mut sum = 0;
    for key in 1..=3 {
        sum += cached_lookup(key).await; // ready at once: no pause here
        println!("looked up {key}");
    }
    sum
}

async fn ticker() {
    for i in 1..=2 {
        println!("tick {i}");
        sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (sum, ()) = tokio::join!(sum_from_cache(), ticker());
    println!("sum: {sum}");
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use super::*;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    // Every `.await` in `sum_from_cache` finds its future ready, so none of
    // them returns `Pending`: the whole function runs in a single poll.
    #[test]
    fn sum_from_cache_finishes_in_a_single_poll() {
        let mut future = pin!(sum_from_cache());
        let mut cx = Context::from_waker(Waker::noop());
        assert_eq!(future.as_mut().poll(&mut cx), Poll::Ready(60));
    }
}
