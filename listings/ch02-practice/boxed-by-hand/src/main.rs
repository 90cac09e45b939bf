// ANCHOR: all
use std::future::Future;
use std::pin::Pin;

/// A boxed future that is `Send` and may borrow for `'a`: the type that
/// `#[async_trait]` writes for you (the `futures` crate calls it `BoxFuture`).
type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

trait DataFetcher {
    /// One return type for every implementation: callable through `dyn`.
    fn fetch(&self) -> BoxFuture<'_, String>;

    /// A native `async fn`, unboxed. `Self: Sized` leaves it out of the
    /// vtable, so it does not stop `dyn DataFetcher`; only generic code can
    /// call it.
    async fn fetch_twice(&self) -> [String; 2]
    where
        Self: Sized,
    {
        [self.fetch().await, self.fetch().await]
    }
}

struct ApiClient;

impl DataFetcher for ApiClient {
    fn fetch(&self) -> BoxFuture<'_, String> {
        Box::pin(async { "data from API".to_string() })
    }
}

struct CacheClient;

impl DataFetcher for CacheClient {
    fn fetch(&self) -> BoxFuture<'_, String> {
        Box::pin(async { "data from cache".to_string() })
    }
}

#[tokio::main]
async fn main() {
    let fetchers: Vec<Box<dyn DataFetcher>> = vec![Box::new(ApiClient), Box::new(CacheClient)];
    for fetcher in &fetchers {
        println!("{}", fetcher.fetch().await);
    }
    println!("{:?}", ApiClient.fetch_twice().await);
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use super::*;

    /// Compiles only for a value of exactly this type: no coercion applies
    /// to a reference's target.
    fn is_boxed_send_future(_: &BoxFuture<'_, String>) {}

    #[tokio::test]
    async fn fetch_returns_a_boxed_send_future_and_works_through_dyn() {
        let fetcher: &dyn DataFetcher = &CacheClient;
        let future = fetcher.fetch();
        is_boxed_send_future(&future);
        assert_eq!(future.await, "data from cache");
    }

    #[tokio::test]
    async fn the_sized_only_method_works_through_generics() {
        async fn both<F: DataFetcher>(fetcher: &F) -> [String; 2] {
            fetcher.fetch_twice().await
        }
        assert_eq!(both(&ApiClient).await, ["data from API", "data from API"]);
    }
}
