// Writing out what `async fn` desugars to is the point of this listing.
#![allow(clippy::manual_async_fn)]

use std::cell::RefCell;
use std::future::Future;

thread_local! {
    static SAID: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Prints a line, and keeps it so that the order of events can be checked.
fn say(line: impl Into<String>) {
    let line = line.into();
    println!("{line}");
    SAID.with_borrow_mut(|said| said.push(line));
}

// ANCHOR: arguments
/// Stands in for a lock guard or a connection: says when it is dropped.
struct Guard(&'static str);

impl Drop for Guard {
    fn drop(&mut self) {
        say(format!("dropped {}", self.0));
    }
}

/// The `async fn` moves every argument into its future, used or not.
async fn with_async_fn(_guard: Guard) {
    say("async fn body runs");
}

/// The written-out form keeps only what its `async` block captures:
/// `_guard` is not used in the block, so it is dropped when this returns.
fn written_out(_guard: Guard) -> impl Future<Output = ()> {
    async {
        say("async block runs");
    }
}
// ANCHOR_END: arguments

// ANCHOR: main
#[tokio::main]
async fn main() {
    let future = with_async_fn(Guard("the async fn's guard"));
    say("called with_async_fn");
    future.await;

    let future = written_out(Guard("the written-out guard"));
    say("called written_out");
    future.await;
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    fn said() -> Vec<String> {
        SAID.take()
    }

    #[tokio::test]
    async fn an_async_fn_keeps_its_arguments_until_its_future_is_done() {
        let future = with_async_fn(Guard("g"));
        say("called");
        future.await;
        assert_eq!(said(), ["called", "async fn body runs", "dropped g"]);
    }

    #[tokio::test]
    async fn the_written_out_form_drops_an_unused_argument_at_the_call() {
        let future = written_out(Guard("g"));
        say("called");
        future.await;
        assert_eq!(said(), ["dropped g", "called", "async block runs"]);
    }

    // In edition 2024 a returned `impl Future` captures the lifetimes of the
    // arguments by itself: no `+ '_` is needed to return a future that
    // borrows one. (`async move` moves the reference `name` into the block.)
    #[tokio::test]
    async fn a_returned_future_may_borrow_an_argument_without_annotation() {
        fn greeting_len(name: &str) -> impl Future<Output = usize> {
            async move { name.len() + "hello, ".len() }
        }
        let name = String::from("Ann");
        assert_eq!(greeting_len(&name).await, 10);
    }
}
