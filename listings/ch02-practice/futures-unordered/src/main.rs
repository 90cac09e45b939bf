use tokio::time::{Duration, sleep};

// ANCHOR: client
/// A client that the requests borrow: no `Arc`, no `'static`.
struct Client {
    base: String,
}

impl Client {
    /// Stands in for a request whose reply takes `id * 100` ms.
    async fn fetch(&self, id: u64) -> String {
        sleep(Duration::from_millis(id * 100)).await;
        format!("{}/{id}", self.base)
    }
}
// ANCHOR_END: client

// ANCHOR: unordered
use futures::stream::{self, FuturesUnordered, StreamExt};

/// All requests at once, in this task; results in the order they arrive.
async fn fetch_as_they_finish(client: &Client, ids: &[u64]) -> Vec<String> {
    let mut in_flight: FuturesUnordered<_> = ids.iter().map(|&id| client.fetch(id)).collect();
    let mut pages = Vec::new();
    while let Some(page) = in_flight.next().await {
        pages.push(page);
    }
    pages
}

/// The same, but never more than two requests at a time.
async fn fetch_two_at_a_time(client: &Client, ids: &[u64]) -> Vec<String> {
    stream::iter(ids)
        .map(|&id| client.fetch(id))
        .buffer_unordered(2)
        .collect()
        .await
}
// ANCHOR_END: unordered

// ANCHOR: main
#[tokio::main]
async fn main() {
    let client = Client {
        base: "https://example.com/page".to_string(),
    };
    println!("{:?}", fetch_as_they_finish(&client, &[3, 1, 2]).await);
    println!("{:?}", fetch_two_at_a_time(&client, &[2, 1, 3]).await);
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::future::{Future, poll_fn};
    use std::pin::pin;
    use tokio::time::Instant;

    fn client() -> Client {
        Client {
            base: "page".to_string(),
        }
    }

    #[tokio::test(start_paused = true)]
    async fn results_arrive_in_completion_order_from_futures_that_borrow() {
        let client = client();
        let start = Instant::now();
        let pages = fetch_as_they_finish(&client, &[3, 1, 2]).await;
        assert_eq!(pages, ["page/1", "page/2", "page/3"]);
        assert_eq!(start.elapsed(), Duration::from_millis(300));
    }

    // Five 100 ms requests, two at a time: three rounds.
    #[tokio::test(start_paused = true)]
    async fn two_at_a_time_five_requests_take_300_ms() {
        let client = client();
        let start = Instant::now();
        let pages = fetch_two_at_a_time(&client, &[1, 1, 1, 1, 1]).await;
        assert_eq!(pages.len(), 5);
        assert_eq!(start.elapsed(), Duration::from_millis(300));
    }

    // With 2, 1, 3 and two at a time: 1 ends at 100 ms and 3 starts at
    // once, so it ends at 400 ms (not at 500, as it would if it waited for 2).
    #[tokio::test(start_paused = true)]
    async fn two_at_a_time_starts_the_next_request_as_soon_as_one_ends() {
        let client = client();
        let start = Instant::now();
        let pages = fetch_two_at_a_time(&client, &[2, 1, 3]).await;
        assert_eq!(pages, ["page/1", "page/2", "page/3"]);
        assert_eq!(start.elapsed(), Duration::from_millis(400));
    }

    // `FuturesUnordered` polls only the futures that were woken: the long
    // sleep is polled twice (once to start, once when it is due), however
    // many times the short ones wake the task.
    #[tokio::test(start_paused = true)]
    async fn only_woken_futures_are_polled() {
        let polls = Cell::new(0);
        let mut long = pin!(sleep(Duration::from_secs(10)));
        let counted = poll_fn(|cx| {
            polls.set(polls.get() + 1);
            long.as_mut().poll(cx)
        });
        let mut in_flight: FuturesUnordered<std::pin::Pin<Box<dyn Future<Output = ()> + '_>>> = (1
            ..10)
            .map(|ms| Box::pin(sleep(Duration::from_millis(ms))) as _)
            .collect();
        in_flight.push(Box::pin(counted));
        while in_flight.next().await.is_some() {}
        assert_eq!(polls.get(), 2);
    }
}
