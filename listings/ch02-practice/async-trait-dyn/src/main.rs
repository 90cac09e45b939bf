// ANCHOR: trait
use async_trait::async_trait;

#[async_trait]
trait DataFetcher {
    async fn fetch(&self) -> String;
}

struct ApiClient;

#[async_trait]
impl DataFetcher for ApiClient {
    async fn fetch(&self) -> String {
        "data from API".to_string()
    }
}
// ANCHOR_END: trait

// ANCHOR: dyn
struct CacheClient;

#[async_trait]
impl DataFetcher for CacheClient {
    async fn fetch(&self) -> String {
        "data from cache".to_string()
    }
}

#[tokio::main]
async fn main() {
    // Different types behind one pointer type, chosen at run time.
    let fetchers: Vec<Box<dyn DataFetcher>> = vec![Box::new(ApiClient), Box::new(CacheClient)];
    for fetcher in &fetchers {
        println!("{}", fetcher.fetch().await);
    }
}
// ANCHOR_END: dyn
