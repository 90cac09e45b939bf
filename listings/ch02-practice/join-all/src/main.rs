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
