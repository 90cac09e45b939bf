// ANCHOR: all
trait DataFetcher {
    async fn fetch(&self) -> String;
}

struct ApiClient;

impl DataFetcher for ApiClient {
    async fn fetch(&self) -> String {
        "data from API".to_string()
    }
}

struct CacheClient;

impl DataFetcher for CacheClient {
    async fn fetch(&self) -> String {
        "data from cache".to_string()
    }
}

/// Generic, so it is compiled once per fetcher type (static dispatch):
/// each call of `fetch` is a direct call, and its future is not boxed.
async fn show(fetcher: &impl DataFetcher) {
    println!("{}", fetcher.fetch().await);
}

#[tokio::main]
async fn main() {
    show(&ApiClient).await;
    show(&CacheClient).await;
}
// ANCHOR_END: all
