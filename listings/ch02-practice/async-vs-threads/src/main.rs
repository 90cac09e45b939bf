use std::thread;
use std::time::Instant;
use tokio::time::{Duration, sleep};

// ANCHOR: async
/// Async approach: three 100 ms waits as futures in one task.
async fn async_waits() {
    tokio::join!(
        sleep(Duration::from_millis(100)),
        sleep(Duration::from_millis(100)),
        sleep(Duration::from_millis(100)),
    );
}
// ANCHOR_END: async

// ANCHOR: threads
/// Thread approach: three 100 ms waits, one OS thread each.
/// Returns when each thread's wait began and ended.
fn thread_waits() -> Vec<(Instant, Instant)> {
    let handles: Vec<_> = (0..3)
        .map(|_| {
            thread::spawn(|| {
                let start = Instant::now();
                thread::sleep(Duration::from_millis(100));
                (start, Instant::now())
            })
        })
        .collect();

    handles.into_iter().map(|h| h.join().unwrap()).collect()
}
// ANCHOR_END: threads

// ANCHOR: main
#[tokio::main]
async fn main() {
    let async_start = Instant::now();
    async_waits().await;
    println!("Async took: {:?}", async_start.elapsed()); // a little over 100 ms

    let thread_start = Instant::now();
    let waits = thread_waits();
    println!(
        "Threads took: {:?}, on {} new threads",
        thread_start.elapsed(), // a little over 100 ms too
        waits.len()
    );
}
// ANCHOR_END: main
