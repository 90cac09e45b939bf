use std::time::Duration;
use tokio::time::sleep;

// ANCHOR: exercise
use futures::future::join_all;

/// Fetches a page; pages with an even id do not exist. Each takes 100 ms.
async fn fetch(id: u32) -> Result<String, String> {
    sleep(Duration::from_millis(100)).await;
    if id.is_multiple_of(2) {
        Err(format!("page {id} not found"))
    } else {
        Ok(format!("page {id}"))
    }
}

/// Fetches every page at once, and returns the pages that loaded and the
/// errors of the others. `join_all` waits for every future, success or not
/// (`try_join_all` stops at the first error and drops the rest).
async fn fetch_all(ids: &[u32]) -> (Vec<String>, Vec<String>) {
    let results = join_all(ids.iter().map(|&id| fetch(id))).await;
    let mut pages = Vec::new();
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(page) => pages.push(page),
            Err(e) => errors.push(e),
        }
    }
    (pages, errors)
}

#[tokio::main]
async fn main() {
    let (pages, errors) = fetch_all(&[1, 2, 3, 4, 5]).await;
    println!("pages: {pages:?}");
    println!("errors: {errors:?}");
}
// ANCHOR_END: exercise

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn keeps_every_page_and_every_error() {
        let start = Instant::now();
        let (pages, errors) = fetch_all(&[1, 2, 3, 4, 5]).await;
        assert_eq!(
            pages,
            ["page 1", "page 3", "page 5"],
            "the pages that loaded are kept"
        );
        assert_eq!(errors, ["page 2 not found", "page 4 not found"]);
        // All at once: as long as one fetch.
        assert_eq!(start.elapsed(), Duration::from_millis(100));
    }
}
