// ANCHOR: all
use std::sync::Arc;

/// Writes `async fn`, and generates a second trait, `DataFetcher`, whose
/// `fetch` returns `impl Future<Output = String> + Send`.
#[trait_variant::make(DataFetcher: Send)]
trait LocalDataFetcher {
    async fn fetch(&self) -> String;
}

struct ApiClient;

impl DataFetcher for ApiClient {
    async fn fetch(&self) -> String {
        "data from API".to_string()
    }
}

fn spawn_fetch<F>(fetcher: Arc<F>) -> tokio::task::JoinHandle<String>
where
    F: DataFetcher + Sync + 'static,
{
    tokio::spawn(async move { fetcher.fetch().await })
}

/// Code that runs the future right here, not on another thread, can ask for
/// the local trait, which every `DataFetcher` implements too.
async fn fetch_here(fetcher: &impl LocalDataFetcher) -> String {
    fetcher.fetch().await
}

#[tokio::main]
async fn main() {
    let data = spawn_fetch(Arc::new(ApiClient)).await.unwrap();
    println!("spawned: {data}");
    println!("here:    {}", fetch_here(&ApiClient).await);
}
// ANCHOR_END: all
