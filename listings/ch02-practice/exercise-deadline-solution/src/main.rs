use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::sleep;

// ANCHOR: exercise
/// Collects messages until the channel closes, or until `limit` has passed
/// since the call, whichever comes first. One `sleep`, made before the loop
/// and pinned, is raced through `&mut` in every turn, so it keeps counting.
/// (`sleep_until(start + limit)` made in each turn would work too.)
async fn collect_for(mut messages: mpsc::Receiver<String>, limit: Duration) -> Vec<String> {
    let mut collected = Vec::new();
    let mut deadline = std::pin::pin!(sleep(limit));
    loop {
        tokio::select! {
            message = messages.recv() => match message {
                Some(message) => collected.push(message),
                None => break, // every sender is gone
            },
            _ = &mut deadline => break,
        }
    }
    collected
}

/// Sends `count` messages, one every 200 ms, then closes the channel.
async fn send_slowly(sender: mpsc::Sender<String>, count: u32) {
    for n in 1..=count {
        sleep(Duration::from_millis(200)).await;
        sender.send(format!("message {n}")).await.unwrap();
    }
}

#[tokio::main]
async fn main() {
    let (sender, receiver) = mpsc::channel(8);
    tokio::spawn(send_slowly(sender, 5));
    let collected = collect_for(receiver, Duration::from_millis(500)).await;
    println!("{collected:?}");
}
// ANCHOR_END: exercise

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn the_limit_counts_from_the_start_of_the_call() {
        let (sender, receiver) = mpsc::channel(8);
        tokio::spawn(send_slowly(sender, 5));
        let start = Instant::now();
        let collected = collect_for(receiver, Duration::from_millis(500)).await;
        assert_eq!(
            start.elapsed(),
            Duration::from_millis(500),
            "the limit counts from the start of the call"
        );
        assert_eq!(collected, ["message 1", "message 2"]);
    }

    #[tokio::test(start_paused = true)]
    async fn a_channel_that_closes_early_ends_the_collection_early() {
        let (sender, receiver) = mpsc::channel(8);
        tokio::spawn(send_slowly(sender, 1));
        let start = Instant::now();
        let collected = collect_for(receiver, Duration::from_millis(500)).await;
        assert_eq!(collected, ["message 1"]);
        assert_eq!(start.elapsed(), Duration::from_millis(200));
    }
}
