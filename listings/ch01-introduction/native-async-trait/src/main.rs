use std::collections::HashMap;
use std::sync::Mutex;

// ANCHOR: trait
// No attribute, no extra crate: async fn in traits is part of Rust.
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
// ANCHOR_END: trait

// ANCHOR: main
/// Works with any store. The compiler makes a copy of this function for each
/// store type it is called with (static dispatch).
async fn remember_greeting<S: DataStore>(store: &S) {
    store.set("greeting", String::from("hello")).await;
}

#[tokio::main]
async fn main() {
    let store = MemoryStore::default();
    remember_greeting(&store).await;
    println!("greeting: {:?}", store.get("greeting").await);
    println!("missing: {:?}", store.get("missing").await);
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    // The claim: the store gives back what was set, and None for other keys.
    #[tokio::test]
    async fn get_returns_what_set_stored() {
        let store = MemoryStore::default();
        store.set("k", String::from("v")).await;
        assert_eq!(store.get("k").await, Some(String::from("v")));
        assert_eq!(store.get("other").await, None);
    }

    // Setting a key again replaces its value.
    #[tokio::test]
    async fn set_replaces_the_old_value() {
        let store = MemoryStore::default();
        store.set("k", String::from("old")).await;
        store.set("k", String::from("new")).await;
        assert_eq!(store.get("k").await, Some(String::from("new")));
    }
}
