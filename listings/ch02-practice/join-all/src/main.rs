use tokio::time::{Duration, sleep};

// ANCHOR: fetch
/// Stands in for a request whose reply takes `id * 100` ms.
async fn fetch(id: u64) -> String {
    sleep(Duration::from_millis(id * 100)).await;
    format!("page {id}")
}
// ANCHOR_END: fetch

// ANCHOR: loop
/// One request at a time: each `.await` waits for the previous reply.
async fn fetch_in_a_loop(ids: &[u64]) -> Vec<String> {
    let mut pages = Vec::new();
    for &id in ids {
        pages.push(fetch(id).await);
    }
    pages
}
// ANCHOR_END: loop

// ANCHOR: join_all
/// All requests at once, however many there are.
async fn fetch_all(ids: &[u64]) -> Vec<String> {
    futures::future::join_all(ids.iter().map(|&id| fetch(id))).await
}
// ANCHOR_END: join_all

// ANCHOR: main
#[tokio::main]
async fn main() {
    let ids = [3, 1, 2];
    // The results come back in the order of `ids`, whatever order the
    // replies arrive in.
    println!("in a loop: {:?}", fetch_in_a_loop(&ids).await);
    println!("join_all:  {:?}", fetch_all(&ids).await);
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    const IDS: [u64; 3] = [3, 1, 2];

    // The claim: awaiting in a loop adds the waits up (300 + 100 + 200 ms).
    #[tokio::test(start_paused = true)]
    async fn a_loop_of_awaits_takes_the_sum() {
        let start = Instant::now();
        fetch_in_a_loop(&IDS).await;
        assert_eq!(start.elapsed(), Duration::from_millis(600));
    }

    // The claim: join_all overlaps them, so the batch takes the longest one,
    // and the results keep the order of the input.
    #[tokio::test(start_paused = true)]
    async fn join_all_takes_the_longest_and_keeps_the_order() {
        let start = Instant::now();
        let pages = fetch_all(&IDS).await;
        assert_eq!(start.elapsed(), Duration::from_millis(300));
        assert_eq!(pages, ["page 3", "page 1", "page 2"]);
    }
}

#[cfg(test)]
mod how_join_all_polls {
    use std::cell::Cell;
    use std::future::{Future, poll_fn};
    use std::pin::{Pin, pin};
    use tokio::time::{Duration, sleep};

    /// Runs `join_all` over `n` futures: `n - 1` short sleeps that end one
    /// after the other, and one long sleep. Returns how often the long one
    /// was polled.
    async fn polls_of_the_long_sleep(n: u64) -> usize {
        let polls = Cell::new(0);
        let mut long = pin!(sleep(Duration::from_secs(10)));
        let counted = poll_fn(|cx| {
            polls.set(polls.get() + 1);
            long.as_mut().poll(cx)
        });
        let mut futures: Vec<Pin<Box<dyn Future<Output = ()> + '_>>> = (1..n)
            .map(|ms| {
                Box::pin(sleep(Duration::from_millis(ms))) as Pin<Box<dyn Future<Output = ()>>>
            })
            .collect();
        futures.push(Box::pin(counted));
        futures::future::join_all(futures).await;
        polls.get()
    }

    // Up to 30 futures, each wake of any of them polls all of them.
    #[tokio::test(start_paused = true)]
    async fn with_30_futures_join_all_polls_all_of_them_on_each_wake() {
        assert_eq!(polls_of_the_long_sleep(30).await, 31);
    }

    // Beyond 30, `join_all` polls only the futures that were woken.
    #[tokio::test(start_paused = true)]
    async fn beyond_30_futures_join_all_polls_only_the_woken_ones() {
        assert_eq!(polls_of_the_long_sleep(31).await, 2);
    }
}
