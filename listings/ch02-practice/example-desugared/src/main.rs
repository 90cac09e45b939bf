// Writing out what `async fn` desugars to is the point of this listing.
#![allow(clippy::manual_async_fn)]

// ANCHOR: lesson
use std::future::Future;

// An async function
async fn example() -> i32 {
    42
}

// Is roughly equivalent to:
fn example_desugared() -> impl Future<Output = i32> {
    async { 42 }
}
// ANCHOR_END: lesson

// ANCHOR: eager
/// "Roughly": a plain function that returns a future runs its own body at the
/// call; only the `async` block inside it waits to be awaited.
fn example_with_a_prologue() -> impl Future<Output = i32> {
    println!("prologue: runs at the call");
    async {
        println!("async block: runs when awaited");
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

    fn output_of<F: Future>(_: &F) -> &'static str {
        std::any::type_name::<F::Output>()
    }

    // The claim: both forms are futures with the same output type and value.
    #[tokio::test]
    async fn both_forms_produce_the_same_value() {
        assert_eq!(output_of(&example()), output_of(&example_desugared()));
        assert_eq!(example().await, example_desugared().await);
        assert_eq!(example_with_a_prologue().await, 42);
    }
}
