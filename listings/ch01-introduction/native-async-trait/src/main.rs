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
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;

    /// The system allocator, counting the allocations of each thread.
    struct Counting;

    thread_local! {
        static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
    }

    unsafe impl GlobalAlloc for Counting {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
            unsafe { System.alloc(layout) }
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    #[global_allocator]
    static ALLOCATOR: Counting = Counting;

    fn allocations() -> usize {
        ALLOCATIONS.with(Cell::get)
    }

    // Calling a native async method builds its future in place: no heap
    // allocation (awaiting `get` will allocate, to clone the `String`).
    #[test]
    fn creating_a_method_future_allocates_nothing() {
        let store = MemoryStore::default();
        let before = allocations();
        let future = store.get("greeting");
        let after = allocations();
        drop(future);
        assert_eq!(after - before, 0);
    }

    #[tokio::test]
    async fn get_returns_what_set_stored() {
        let store = MemoryStore::default();
        remember_greeting(&store).await;
        assert_eq!(store.get("greeting").await, Some(String::from("hello")));
        assert_eq!(store.get("missing").await, None);
    }
}
