use std::time::Duration;
use tokio::time::{Instant, sleep};

// ANCHOR: exercise
/// Pretends to download a page: it takes one second.
async fn fetch(url: &str) -> String {
    sleep(Duration::from_secs(1)).await;
    format!("<{url}>")
}

/// Downloads both pages at once: `join!` polls both futures in turn, so the
/// two one-second waits overlap.
async fn fetch_both(a: &str, b: &str) -> (String, String) {
    tokio::join!(fetch(a), fetch(b))
}

#[tokio::main]
async fn main() {
    let start = Instant::now();
    let (a, b) = fetch_both("a.example", "b.example").await;
    println!("{a} {b}");
    println!("took {:.1?}", start.elapsed());
}
// ANCHOR_END: exercise

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn both_pages_arrive_in_one_second() {
        let start = Instant::now();
        let pages = fetch_both("a", "b").await;
        assert_eq!(pages, ("<a>".to_string(), "<b>".to_string()));
        assert_eq!(
            start.elapsed(),
            Duration::from_secs(1),
            "the two fetches must overlap"
        );
    }
}
