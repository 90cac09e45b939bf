// ANCHOR: ping_pong
use futures::channel::oneshot;

/// Uses only `std` and the `futures` crate: no timer, socket or task of a
/// particular runtime, so any executor can run it.
async fn ping_pong() -> String {
    let (tx, rx) = oneshot::channel();
    let receiver = async move { rx.await.unwrap() }; // Pending until the reply is sent
    let sender = async move { tx.send("pong").unwrap() };
    let (reply, ()) = futures::join!(receiver, sender);
    format!("ping -> {reply}")
}
// ANCHOR_END: ping_pong

// ANCHOR: main
fn main() {
    // The small executor in the `futures` crate: runs one future on this thread.
    println!(
        "futures::executor::block_on: {}",
        futures::executor::block_on(ping_pong())
    );

    // Tokio's runtime.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    println!(
        "tokio Runtime::block_on:     {}",
        runtime.block_on(ping_pong())
    );
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use std::time::Duration;

    // The claim: a future that uses a runtime's own leaf futures, such as
    // Tokio's timer, only runs inside that runtime.
    #[test]
    #[should_panic(expected = "must be called from the context of a Tokio 1.x runtime")]
    fn tokio_sleep_needs_tokio() {
        // The sleep is created and polled inside the future, as in real code.
        futures::executor::block_on(async { tokio::time::sleep(Duration::from_millis(1)).await });
    }
}
