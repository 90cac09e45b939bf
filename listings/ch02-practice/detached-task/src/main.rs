use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::task::JoinHandle;
use tokio::time::sleep;

// ANCHOR: heartbeat
/// Counts a beat every 200 ms, for ever.
async fn heartbeat(beats: Arc<AtomicUsize>) {
    loop {
        sleep(Duration::from_millis(200)).await;
        beats.fetch_add(1, Ordering::SeqCst);
    }
}
// ANCHOR_END: heartbeat

// ANCHOR: abort_on_drop
/// Owns a task: dropping the owner aborts the task.
struct AbortOnDrop<T>(JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}
// ANCHOR_END: abort_on_drop

// ANCHOR: main
#[tokio::main]
async fn main() {
    let (detached_beats, owned_beats) = (Arc::default(), Arc::default());
    let detached = tokio::spawn(heartbeat(Arc::clone(&detached_beats)));
    let owned = AbortOnDrop(tokio::spawn(heartbeat(Arc::clone(&owned_beats))));

    sleep(Duration::from_millis(300)).await; // one beat each, at 200 ms
    drop(detached); // detaches the task: it goes on beating
    drop(owned); // aborts the task
    sleep(Duration::from_millis(200)).await; // until 500 ms

    println!(
        "detached: beats = {}",
        detached_beats.load(Ordering::SeqCst)
    );
    println!("owned:    beats = {}", owned_beats.load(Ordering::SeqCst));
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_dropped_join_handle_does_not_stop_the_task() {
        let beats = Arc::new(AtomicUsize::new(0));
        drop(tokio::spawn(heartbeat(Arc::clone(&beats))));
        sleep(Duration::from_millis(1_100)).await;
        assert_eq!(
            beats.load(Ordering::SeqCst),
            5,
            "a beat at 200, 400 … 1000 ms"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn dropping_the_owner_aborts_the_task() {
        let beats = Arc::new(AtomicUsize::new(0));
        let owned = AbortOnDrop(tokio::spawn(heartbeat(Arc::clone(&beats))));
        sleep(Duration::from_millis(300)).await;
        drop(owned);
        sleep(Duration::from_millis(1_000)).await;
        assert_eq!(beats.load(Ordering::SeqCst), 1, "only the beat at 200 ms");
    }
}
