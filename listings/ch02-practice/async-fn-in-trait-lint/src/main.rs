// ANCHOR: all
#![deny(async_fn_in_trait)] // the lint warns by default; here it is an error

pub trait DataFetcher {
    async fn fetch(&self) -> String;
}
// ANCHOR_END: all

struct ApiClient;

impl DataFetcher for ApiClient {
    async fn fetch(&self) -> String {
        "data from API".to_string()
    }
}

#[tokio::main]
async fn main() {
    println!("{}", ApiClient.fetch().await);
}
