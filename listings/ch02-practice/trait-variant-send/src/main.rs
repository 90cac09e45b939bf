// ANCHOR: all
use std::sync::Arc;

/// Generates a second trait, `DataFetcher: Send`, whose `fetch` returns
/// `impl Future<Output = String> + Send`, and implements this one for every
/// type that implements it.
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
    F: DataFetcher + Sync + 'static, // `F: Send` comes with `DataFetcher`
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

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_send_trait_is_enough_to_spawn_and_to_use_the_local_trait() {
        assert_eq!(
            spawn_fetch(Arc::new(ApiClient)).await.unwrap(),
            "data from API"
        );
        assert_eq!(fetch_here(&ApiClient).await, "data from API");
    }

    #[test]
    fn the_send_variant_has_send_as_a_supertrait() {
        fn needs_send<T: Send>() {}
        fn every_data_fetcher_is_send<F: DataFetcher>() {
            needs_send::<F>(); // compiles only because `DataFetcher: Send`
        }
        every_data_fetcher_is_send::<ApiClient>();
    }
}
