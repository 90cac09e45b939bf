use std::collections::HashMap;
use std::sync::Mutex;

// The same trait and store as in the first listing of this section.
trait DataStore {
    async fn get(&self, key: &str) -> Option<String>;
}

#[derive(Default)]
struct MemoryStore {
    data: Mutex<HashMap<String, String>>,
}

impl DataStore for MemoryStore {
    async fn get(&self, key: &str) -> Option<String> {
        self.data.lock().unwrap().get(key).cloned()
    }
}

// ANCHOR: spawn
use std::sync::Arc;
use tokio::task::JoinHandle;

/// Looks `key` up in a task of its own, in any store that can be shared.
fn spawn_get<S: DataStore + Send + Sync + 'static>(
    store: Arc<S>,
    key: String,
) -> JoinHandle<Option<String>> {
    tokio::spawn(async move { store.get(&key).await })
}
// ANCHOR_END: spawn

#[tokio::main]
async fn main() {
    let store = Arc::new(MemoryStore::default());
    println!("{:?}", spawn_get(store, String::from("k")).await.unwrap());
}
