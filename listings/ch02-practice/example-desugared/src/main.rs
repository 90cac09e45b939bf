// Writing out what `async fn` desugars to is the point of this listing.
#![allow(clippy::manual_async_fn)]

use std::cell::RefCell;

// ANCHOR: desugared
use std::future::Future;

// An async function
async fn example() -> i32 {
    42
}

// Is roughly equivalent to:
fn example_desugared() -> impl Future<Output = i32> {
    async { 42 }
}
// ANCHOR_END: desugared

thread_local! {
    static SAID: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Prints a line, and keeps it so that the order of events can be checked.
fn say(line: impl Into<String>) {
    let line = line.into();
    println!("{line}");
    SAID.with_borrow_mut(|said| said.push(line));
}

// ANCHOR: eager
/// "Roughly": a plain function that returns a future runs its own body at the
/// call; only the `async` block inside it waits to be polled.
fn example_with_a_prologue() -> impl Future<Output = i32> {
    say("prologue: runs at the call");
    async {
        say("async block: runs when awaited");
        42
    }
}
// ANCHOR_END: eager

// ANCHOR: main
#[tokio::main]
async fn main() {
    println!("example()           = {}", example().await);
    println!("example_desugared() = {}", example_desugared().await);

    let future = example_with_a_prologue();
    println!("called example_with_a_prologue()");
    println!("awaited it          = {}", future.await);
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    fn said() -> Vec<String> {
        SAID.take()
    }

    #[tokio::test]
    async fn both_forms_produce_42() {
        assert_eq!(example().await, 42);
        assert_eq!(example_desugared().await, 42);
    }

    #[tokio::test]
    async fn the_prologue_runs_at_the_call_and_the_block_at_the_await() {
        let future = example_with_a_prologue();
        say("called");
        assert_eq!(future.await, 42);
        assert_eq!(
            said(),
            [
                "prologue: runs at the call",
                "called",
                "async block: runs when awaited"
            ]
        );
    }
}
