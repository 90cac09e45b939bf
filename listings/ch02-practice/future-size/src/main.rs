use std::mem::size_of_val;
use tokio::task::yield_now;

// ANCHOR: buffers
/// Keeps a 4 KiB buffer across an `.await`: the buffer is part of the future.
async fn keeps_a_buffer() -> u32 {
    let buffer = [1u8; 4096];
    yield_now().await; // `buffer` is used after this point, so it is saved
    buffer.iter().map(|&b| u32::from(b)).sum()
}

/// Is done with the buffer before the `.await`, but the buffer is still in
/// scope there: it is saved all the same.
async fn still_in_scope() -> u32 {
    let buffer = [1u8; 4096];
    let sum = buffer.iter().map(|&b| u32::from(b)).sum();
    yield_now().await;
    sum
}

/// Ends the buffer's scope before the `.await`.
async fn drops_it_first() -> u32 {
    let sum = {
        let buffer = [1u8; 4096];
        buffer.iter().map(|&b| u32::from(b)).sum()
    };
    yield_now().await; // only `sum` lives across this point
    sum
}
// ANCHOR_END: buffers

// ANCHOR: nesting
/// Awaits `keeps_a_buffer()`: that future is stored inside this one.
async fn calls_it() -> u32 {
    keeps_a_buffer().await + 1
}

/// Moves `keeps_a_buffer()`'s future to the heap: this one holds a pointer.
async fn boxes_it() -> u32 {
    Box::pin(keeps_a_buffer()).await + 1
}
// ANCHOR_END: nesting

// ANCHOR: main
#[tokio::main]
async fn main() {
    println!("keeps_a_buffer: {} bytes", size_of_val(&keeps_a_buffer()));
    println!("still_in_scope: {} bytes", size_of_val(&still_in_scope()));
    println!("drops_it_first: {} bytes", size_of_val(&drops_it_first()));
    println!("calls_it:       {} bytes", size_of_val(&calls_it()));
    println!("boxes_it:       {} bytes", size_of_val(&boxes_it()));
    let sums = (still_in_scope().await, drops_it_first().await);
    println!(
        "results: {} {} {sums:?}",
        calls_it().await,
        boxes_it().await
    );
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_used_after_an_await_is_stored_in_the_future() {
        assert!(size_of_val(&keeps_a_buffer()) >= 4096);
    }

    #[test]
    fn a_value_still_in_scope_at_an_await_is_stored_too() {
        assert!(size_of_val(&still_in_scope()) >= 4096);
    }

    #[test]
    fn a_value_whose_scope_ends_before_the_await_is_not() {
        assert!(size_of_val(&drops_it_first()) < 64);
    }

    #[test]
    fn an_awaited_future_is_stored_inside_its_caller() {
        assert!(size_of_val(&calls_it()) >= size_of_val(&keeps_a_buffer()));
    }

    #[test]
    fn a_boxed_future_leaves_only_a_pointer_in_its_caller() {
        assert!(size_of_val(&boxes_it()) < 64);
    }
}
