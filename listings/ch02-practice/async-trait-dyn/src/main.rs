// ANCHOR: trait
use async_trait::async_trait;

#[async_trait]
trait DataFetcher {
    async fn fetch(&self) -> String;
}

struct ApiClient;

#[async_trait]
impl DataFetcher for ApiClient {
    async fn fetch(&self) -> String {
        "data from API".to_string()
    }
}
// ANCHOR_END: trait

// ANCHOR: dyn
struct CacheClient;

#[async_trait]
impl DataFetcher for CacheClient {
    async fn fetch(&self) -> String {
        "data from cache".to_string()
    }
}

#[tokio::main]
async fn main() {
    // Different types behind one pointer type, chosen at run time.
    let fetchers: Vec<Box<dyn DataFetcher>> = vec![Box::new(ApiClient), Box::new(CacheClient)];
    for fetcher in &fetchers {
        println!("{}", fetcher.fetch().await);
    }
}
// ANCHOR_END: dyn

#[cfg(test)]
mod tests {
    use super::*;
    use std::alloc::{GlobalAlloc, Layout, System};
    use std::cell::Cell;
    use std::future::Future;
    use std::pin::Pin;

    // Counts the allocations made by the current thread, so that tests
    // running at the same time on other threads do not disturb the count.
    struct CountingAllocator;

    thread_local! {
        static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
    }

    unsafe impl GlobalAlloc for CountingAllocator {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            ALLOCATIONS.with(|n| n.set(n.get() + 1));
            unsafe { System.alloc(layout) }
        }
        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    #[global_allocator]
    static ALLOCATOR: CountingAllocator = CountingAllocator;

    fn allocations_made_by(f: impl FnOnce()) -> usize {
        let before = ALLOCATIONS.with(Cell::get);
        f();
        ALLOCATIONS.with(Cell::get) - before
    }

    /// Compiles only for a value of exactly this type: a reference's target
    /// is not a coercion site, so no other future type could pass.
    fn is_boxed_send_dyn_future(_: &Pin<Box<dyn Future<Output = String> + Send + '_>>) {}

    // The claim: `#[async_trait]` rewrites `async fn fetch(&self) -> String`
    // into a method returning a pinned, boxed, `Send` trait-object future.
    #[tokio::test]
    async fn fetch_returns_a_pinned_boxed_send_future() {
        let future = ApiClient.fetch();
        is_boxed_send_dyn_future(&future);
        assert_eq!(future.await, "data from API");
    }

    // The claim: that box is one heap allocation per call, made when the
    // method is called, even if the future is never run.
    #[test]
    fn every_call_allocates_one_box() {
        let client = ApiClient;
        assert_eq!(allocations_made_by(|| drop(client.fetch())), 1);
        assert_eq!(
            allocations_made_by(|| {
                drop(client.fetch());
                drop(client.fetch());
            }),
            2
        );
    }

    // For comparison: a native async method allocates nothing to create its future.
    #[test]
    fn a_native_async_method_allocates_nothing() {
        trait NativeFetcher {
            async fn fetch(&self) -> String;
        }
        impl NativeFetcher for ApiClient {
            async fn fetch(&self) -> String {
                "data from API".to_string()
            }
        }
        assert_eq!(
            allocations_made_by(|| drop(NativeFetcher::fetch(&ApiClient))),
            0
        );
    }
}
