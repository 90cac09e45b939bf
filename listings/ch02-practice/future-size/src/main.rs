use std::mem::size_of_val;
use tokio::task::yield_now;

fn checksum(buffer: &[u8]) -> u32 {
    buffer.iter().map(|&b| u32::from(b)).sum()
}

// ANCHOR: buffers
/// Uses a 4 KiB buffer after an `.await`: the buffer is part of the future.
async fn keeps_a_buffer() -> u32 {
    let buffer = [1u8; 4096];
    yield_now().await; // `buffer` is used after this point, so it is saved
    checksum(&buffer)
}

/// Is done with the buffer before the `.await`, but lent it out
/// (`checksum(&buffer)` borrows it), and its scope runs past the `.await`.
async fn lends_it_first() -> u32 {
    let buffer = [1u8; 4096];
    let sum = checksum(&buffer);
    yield_now().await;
    sum
}

/// Only reads two bytes of it (indexing an array borrows nothing), and never
/// uses it again.
async fn reads_it_first() -> u32 {
    let buffer = [1u8; 4096];
    let sum = u32::from(buffer[0]) + u32::from(buffer[4095]);
    yield_now().await;
    sum
}

/// Ends the buffer's scope before the `.await`.
async fn drops_it_first() -> u32 {
    let sum = {
        let buffer = [1u8; 4096];
        checksum(&buffer)
    }; // `buffer`'s scope ends here
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
    println!("lends_it_first: {} bytes", size_of_val(&lends_it_first()));
    println!("reads_it_first: {} bytes", size_of_val(&reads_it_first()));
    println!("drops_it_first: {} bytes", size_of_val(&drops_it_first()));
    println!("calls_it:       {} bytes", size_of_val(&calls_it()));
    println!("boxes_it:       {} bytes", size_of_val(&boxes_it()));
    let sums = (lends_it_first().await, reads_it_first().await);
    println!(
        "results: {} {} {} {sums:?}",
        drops_it_first().await,
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
    fn a_borrowed_value_still_in_scope_at_an_await_is_stored_too() {
        assert!(size_of_val(&lends_it_first()) >= 4096);
    }

    #[test]
    fn a_value_neither_borrowed_nor_used_after_the_await_is_not_stored() {
        assert!(size_of_val(&reads_it_first()) < 64);
    }

    #[test]
    fn a_value_whose_scope_ends_before_the_await_is_not() {
        assert!(size_of_val(&drops_it_first()) < 64);
    }

    /// 4 KiB with a destructor.
    struct Buffer([u8; 4096]);

    impl Drop for Buffer {
        fn drop(&mut self) {}
    }

    // Never borrowed, never used after the `.await`: still stored, because
    // its destructor runs at the end of its scope, after the `.await`. Moved
    // away (into `drop`) before the `.await`, it is not.
    #[test]
    fn a_value_whose_destructor_runs_after_the_await_is_stored() {
        async fn in_scope() -> u8 {
            let buffer = Buffer([1; 4096]);
            let first = buffer.0[0];
            yield_now().await;
            first
        }
        async fn moved_away() -> u8 {
            let buffer = Buffer([1; 4096]);
            let first = buffer.0[0];
            drop(buffer);
            yield_now().await;
            first
        }
        assert!(size_of_val(&in_scope()) >= 4096);
        assert!(size_of_val(&moved_away()) < 64);
    }

    // Borrowed once, then moved away into `drop` before the `.await`: rustc
    // still stores it, until the end of its scope.
    #[test]
    fn a_borrowed_value_moved_away_before_the_await_is_still_stored() {
        async fn lent_then_dropped() -> u32 {
            let buffer = Buffer([1; 4096]);
            let sum = checksum(&buffer.0);
            drop(buffer);
            yield_now().await;
            sum
        }
        assert!(size_of_val(&lent_then_dropped()) >= 4096);
    }

    #[test]
    fn an_awaited_future_is_stored_inside_its_caller() {
        assert!(size_of_val(&calls_it()) >= size_of_val(&keeps_a_buffer()));
    }

    // The two awaited futures are never alive at the same time, so rustc
    // lays them over the same bytes: the caller is not twice as large.
    #[test]
    fn futures_awaited_one_after_the_other_share_the_same_space() {
        async fn calls_it_twice() -> u32 {
            keeps_a_buffer().await + keeps_a_buffer().await
        }
        let one = size_of_val(&keeps_a_buffer());
        assert!(size_of_val(&calls_it_twice()) >= one);
        assert!(size_of_val(&calls_it_twice()) < one + 64);
    }

    #[test]
    fn a_boxed_future_leaves_only_a_pointer_in_its_caller() {
        assert!(size_of_val(&boxes_it()) < 64);
    }
}
