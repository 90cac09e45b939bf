use async_trait::async_trait;
use std::cell::Cell;

#[async_trait]
trait DataFetcher {
    async fn fetch(&self) -> String;
}

// ANCHOR: impl
/// Counts its calls in a `Cell`: fine on one thread, but a `Cell` is not `Sync`.
struct CountingClient {
    calls: Cell<u32>,
}

#[async_trait]
impl DataFetcher for CountingClient {
    async fn fetch(&self) -> String {
        self.calls.set(self.calls.get() + 1);
        format!("call number {}", self.calls.get())
    }
}
// ANCHOR_END: impl

#[tokio::main]
async fn main() {
    let client = CountingClient {
        calls: Cell::new(0),
    };
    println!("{}", client.fetch().await);
}
