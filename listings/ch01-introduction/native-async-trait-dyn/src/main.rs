use std::collections::HashMap;
use std::sync::Mutex;

// The same trait and store as in the previous listing.
trait DataStore {
    async fn get(&self, key: &str) -> Option<String>;
    async fn set(&self, key: &str, value: String);
}

#[derive(Default)]
struct MemoryStore {
    data: Mutex<HashMap<String, String>>,
}

impl DataStore for MemoryStore {
    async fn get(&self, key: &str) -> Option<String> {
        self.data.lock().unwrap().get(key).cloned()
    }

    async fn set(&self, key: &str, value: String) {
        self.data.lock().unwrap().insert(key.to_owned(), value);
    }
}

// ANCHOR: main
#[tokio::main]
async fn main() {
    // A store chosen at run time, behind a pointer: this does not compile.
    let store: Box<dyn DataStore> = Box::new(MemoryStore::default());
    store.set("greeting", String::from("hello")).await;
    println!("greeting: {:?}", store.get("greeting").await);
}
// ANCHOR_END: main
