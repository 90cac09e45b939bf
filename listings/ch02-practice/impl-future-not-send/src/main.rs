// ANCHOR: all
use std::future::Future;
use std::rc::Rc;

trait DataFetcher {
    fn fetch(&self) -> impl Future<Output = String> + Send;
}

struct CacheClient;

impl DataFetcher for CacheClient {
    async fn fetch(&self) -> String {
        let cached = Rc::new("data from cache".to_string()); // `Rc` is not `Send`...
        tokio::task::yield_now().await; // ...and it is held across this `.await`
        cached.to_string()
    }
}
// ANCHOR_END: all

#[tokio::main]
async fn main() {
    println!("{}", CacheClient.fetch().await);
}
