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
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;
    use std::future::Future;
    use std::marker::PhantomData;
    use std::pin::Pin;
    use std::sync::Arc;

    /// Compiles only if the value's type is exactly `T`: no coercion happens
    /// through `&T`.
    fn assert_type<T>(_: &T) {}

    #[test]
    fn get_and_set_return_exactly_pinned_boxed_send_futures() {
        let store = MemoryStore::default();
        let set = store.set("k", String::from("v"));
        assert_type::<Pin<Box<dyn Future<Output = ()> + Send + '_>>>(&set);
        let get = store.get("k");
        assert_type::<Pin<Box<dyn Future<Output = Option<String>> + Send + '_>>>(&get);
    }

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

    // Each call boxes its future: one heap allocation, before the future has
    // even been polled.
    #[test]
    fn each_call_allocates_one_box() {
        let store: Box<dyn DataStore> = Box::new(MemoryStore::default());
        let before = allocations();
        let future = store.get("greeting");
        let after = allocations();
        drop(future);
        assert_eq!(after - before, 1);
    }

    // The futures are `Send`, and a store shared as
    // `Arc<dyn DataStore + Send + Sync>` can cross threads too: a task given
    // to `tokio::spawn`, which requires `Send` on every runtime, uses it.
    #[tokio::test]
    async fn an_arc_dyn_store_send_sync_can_be_used_from_a_spawned_task() {
        let store: Arc<dyn DataStore + Send + Sync> = Arc::new(MemoryStore::default());
        let writer = Arc::clone(&store);
        tokio::spawn(async move { writer.set("k", String::from("v")).await })
            .await
            .unwrap();
        assert_eq!(store.get("k").await, Some(String::from("v")));
    }

    /// `SendProbe::<T>::IS_SEND` is `true` when `T: Send`: only then does the
    /// inherent constant exist, and otherwise the trait's, `false`, is found.
    struct SendProbe<T: ?Sized>(PhantomData<T>);

    impl<T: ?Sized + Send> SendProbe<T> {
        const IS_SEND: bool = true;
    }

    trait NotSend {
        const IS_SEND: bool = false;
    }

    impl<T: ?Sized> NotSend for SendProbe<T> {}

    // `dyn DataStore` promises neither `Send` nor `Sync`, so neither the box
    // of `main` nor an `Arc` of it can be moved into a spawned task; an
    // `Arc<T>` is `Send` only when `T` is both `Send` and `Sync`.
    #[test]
    fn a_store_without_send_and_sync_in_its_type_cannot_cross_threads() {
        let is_send = [
            SendProbe::<Box<dyn DataStore>>::IS_SEND,
            SendProbe::<Arc<dyn DataStore>>::IS_SEND,
            SendProbe::<Arc<dyn DataStore + Send>>::IS_SEND,
            SendProbe::<Arc<dyn DataStore + Send + Sync>>::IS_SEND,
        ];
        assert_eq!(is_send, [false, false, false, true]);
    }
}
