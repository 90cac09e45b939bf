use std::collections::HashMap;
use std::sync::Mutex;

// ANCHOR: trait
use async_trait::async_trait;

#[async_trait]
trait DataStore {
    async fn get(&self, key: &str) -> Option<String>;
    async fn set(&self, key: &str, value: String);
}

#[derive(Default)]
struct MemoryStore {
    data: Mutex<HashMap<String, String>>,
}

#[async_trait]
impl DataStore for MemoryStore {
    async fn get(&self, key: &str) -> Option<String> {
        self.data.lock().unwrap().get(key).cloned()
    }

    async fn set(&self, key: &str, value: String) {
        self.data.lock().unwrap().insert(key.to_owned(), value);
    }
}
// ANCHOR_END: trait

// ANCHOR: main
#[tokio::main]
async fn main() {
    // The line that did not compile with native async fn now does.
    let store: Box<dyn DataStore> = Box::new(MemoryStore::default());
    store.set("greeting", String::from("hello")).await;
    println!("greeting: {:?}", store.get("greeting").await);
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::future::Future;
    use std::pin::Pin;

    // The claim: #[async_trait] turns each async method into a plain method
    // returning a boxed future that is Send. This line only compiles if that
    // is exactly the type `get` returns.
    #[tokio::test]
    async fn methods_return_boxed_send_futures() {
        let store: Box<dyn DataStore> = Box::new(MemoryStore::default());
        store.set("k", String::from("v")).await;
        let future: Pin<Box<dyn Future<Output = Option<String>> + Send + '_>> = store.get("k");
        assert_eq!(future.await, Some(String::from("v")));
    }

    // Because the futures are Send, a `dyn DataStore` can be used from a
    // spawned task on the multi-thread runtime.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_dyn_store_works_in_a_spawned_task() {
        let store: std::sync::Arc<dyn DataStore + Send + Sync> =
            std::sync::Arc::new(MemoryStore::default());
        let writer = store.clone();
        tokio::spawn(async move { writer.set("k", String::from("v")).await })
            .await
            .unwrap();
        assert_eq!(store.get("k").await, Some(String::from("v")));
    }
}
