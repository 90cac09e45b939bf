// ANCHOR: all
use async_trait::async_trait;
use std::rc::Rc;
use tokio::time::{Duration, sleep};

#[async_trait]
trait DataStore {
    async fn get(&self, key: &str) -> Option<String>;
}

/// A store that takes a while to answer.
struct SlowStore;

#[async_trait]
impl DataStore for SlowStore {
    async fn get(&self, key: &str) -> Option<String> {
        let shared = Rc::new(key.to_owned()); // `Rc` is not `Send`
        sleep(Duration::from_millis(10)).await;
        Some(shared.to_string())
    }
}

#[tokio::main]
async fn main() {
    println!("{:?}", SlowStore.get("k").await);
}
// ANCHOR_END: all
