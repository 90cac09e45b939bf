// ANCHOR: all
use std::future::{self, Future};
use std::pin::{Pin, pin};
use std::task::{Context, Waker};

/// Futures of different types, pinned on the heap: each `Box` can be moved,
/// returned and stored, while the future inside it stays where it is.
fn boxed_futures() -> Vec<Pin<Box<dyn Future<Output = u32>>>> {
    vec![
        Box::pin(async { 40 + 2 }),
        Box::pin(future::ready(7)),
        Box::pin(async {
            let numbers = vec![1, 2, 3];
            let view = &numbers; // a reference into the future's own state
            future::ready(()).await;
            view.iter().sum()
        }),
    ]
}

fn main() {
    let mut cx = Context::from_waker(Waker::noop());

    // On the stack: `pin!` pins the future right here, in this function.
    let mut on_stack = pin!(async { 1 + 1 });
    println!("pin!: {:?}", on_stack.as_mut().poll(&mut cx));

    for mut future in boxed_futures() {
        println!("Box::pin: {:?}", future.as_mut().poll(&mut cx));
    }
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use super::*;
    use std::task::Poll;

    #[test]
    fn pinned_futures_can_be_polled_on_the_stack_or_the_heap() {
        let mut cx = Context::from_waker(Waker::noop());
        let mut on_stack = pin!(async { 1 + 1 });
        assert_eq!(on_stack.as_mut().poll(&mut cx), Poll::Ready(2));
        let results: Vec<_> = boxed_futures()
            .iter_mut()
            .map(|future| future.as_mut().poll(&mut cx))
            .collect();
        assert_eq!(results, [Poll::Ready(42), Poll::Ready(7), Poll::Ready(6)]);
    }

    /// Compiles only for a type that is `Unpin`.
    fn assert_unpin<T: Unpin>() {}

    // Moving the box does not move the future it points to, so the box is
    // `Unpin`, even though the future inside is not.
    #[test]
    fn a_boxed_future_is_unpin() {
        assert_unpin::<Pin<Box<dyn Future<Output = u32>>>>();
    }
}
