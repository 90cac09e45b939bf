trait DataFetcher {
    async fn fetch(&self) -> String;
}

struct ApiClient;

impl DataFetcher for ApiClient {
    async fn fetch(&self) -> String {
        "data from API".to_string()
    }
}

// ANCHOR: spawn_fetch
/// Asks, at the call site, for `fetch`'s future to be `Send`.
fn spawn_fetch<F>(fetcher: &'static F) -> tokio::task::JoinHandle<String>
where
    F: DataFetcher<fetch(..): Send> + Sync,
{
    tokio::spawn(fetcher.fetch())
}
// ANCHOR_END: spawn_fetch

#[tokio::main]
async fn main() {
    static CLIENT: ApiClient = ApiClient;
    println!("{}", spawn_fetch(&CLIENT).await.unwrap());
}
