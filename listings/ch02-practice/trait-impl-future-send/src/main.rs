// ANCHOR: all
use std::future::Future;
use std::sync::Arc;

trait DataFetcher {
    // Desugared by hand, so the signature can promise `Send`.
    fn fetch(&self) -> impl Future<Output = String> + Send;
}

struct ApiClient;

impl DataFetcher for ApiClient {
    // An implementation may still use `async fn`; the compiler checks that
    // its future is `Send`, as the trait demands.
    async fn fetch(&self) -> String {
        "data from API".to_string()
    }
}

/// Fetches on a task of its own. `tokio::spawn` needs the future to be
/// `Send`, and for any `F` only the trait's signature can promise it.
fn spawn_fetch<F>(fetcher: Arc<F>) -> tokio::task::JoinHandle<String>
where
    F: DataFetcher + Send + Sync + 'static,
{
    tokio::spawn(async move { fetcher.fetch().await })
}

#[tokio::main]
async fn main() {
    let data = spawn_fetch(Arc::new(ApiClient)).await.unwrap();
    println!("{data}");
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn generic_code_can_spawn_the_future() {
        let handle = spawn_fetch(Arc::new(ApiClient));
        assert_eq!(handle.await.unwrap(), "data from API");
    }
}
