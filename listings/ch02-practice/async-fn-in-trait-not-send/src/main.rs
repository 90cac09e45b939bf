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

/// Runs any fetcher's `fetch` as a task of its own.
fn spawn_fetch<F: DataFetcher + Sync>(fetcher: &'static F) -> tokio::task::JoinHandle<String> {
    tokio::spawn(fetcher.fetch()) // error: is this future `Send`? The trait does not say.
}

#[tokio::main]
async fn main() {
    static CLIENT: ApiClient = ApiClient;
    println!("{}", spawn_fetch(&CLIENT).await.unwrap());
}
// ANCHOR_END: all
