use std::time::Duration;
use tokio::time::{Instant, sleep};

// ANCHOR: exercise
/// Pretends to download a page: it takes one second.
async fn fetch(url: &str) -> String {
    sleep(Duration::from_secs(1)).await;
    format!("<{url}>")
}

/// Downloads both pages.
/// TODO: make the two downloads overlap, so that this takes one second, not two.
async fn fetch_both(a: &str, b: &str) -> (String, String) {
    let page_a = fetch(a).await;
    let page_b = fetch(b).await;
    (page_a, page_b)
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
    #[ignore = "exercise: run with `cargo test -p ch02-exercise-join -- --include-ignored`"]
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
