use std::time::Duration;
use tokio::sync::mpsc;
use tokio::time::sleep;

// ANCHOR: all
/// Sends five jobs as fast as the channel lets it.
async fn producer(jobs: mpsc::Sender<u32>) {
    for job in 1..=5 {
        jobs.send(job).await.unwrap(); // waits while the channel is full
        println!("sent job {job}");
    }
} // `jobs`, the last sender, is dropped here: the channel closes

/// Takes 100 ms per job.
async fn consumer(mut jobs: mpsc::Receiver<u32>) {
    while let Some(job) = jobs.recv().await {
        sleep(Duration::from_millis(100)).await;
        println!("done job {job}");
    }
    println!("channel closed and empty");
}

#[tokio::main(flavor = "current_thread")] // one thread: the order never varies
async fn main() {
    let (sender, receiver) = mpsc::channel(2); // room for two jobs
    tokio::join!(producer(sender), consumer(receiver));
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, Mutex};
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn the_producer_waits_while_the_channel_is_full() {
        let (sender, mut receiver) = mpsc::channel(2);
        let start = Instant::now();
        let sent_at = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&sent_at);
        let producer = tokio::spawn(async move {
            for job in 1..=5 {
                sender.send(job).await.unwrap();
                log.lock().unwrap().push(start.elapsed().as_millis());
            }
        });
        while let Some(_job) = receiver.recv().await {
            sleep(Duration::from_millis(100)).await;
        }
        producer.await.unwrap();
        // Jobs 1 to 3 go at once (the consumer has taken job 1, two wait in
        // the channel); after that, one more each time the consumer takes one.
        assert_eq!(*sent_at.lock().unwrap(), [0, 0, 0, 100, 200]);
        assert_eq!(start.elapsed(), Duration::from_millis(500));
    }

    #[tokio::test(start_paused = true)]
    async fn recv_returns_none_once_every_sender_is_dropped_and_the_queue_is_empty() {
        let (sender, mut receiver) = mpsc::channel(2);
        let second = sender.clone();
        sender.send(1).await.unwrap();
        drop(sender);
        second.send(2).await.unwrap();
        drop(second);
        assert_eq!(receiver.recv().await, Some(1));
        assert_eq!(receiver.recv().await, Some(2));
        assert_eq!(receiver.recv().await, None);
    }

    #[tokio::test(start_paused = true)]
    async fn recv_waits_as_long_as_one_sender_is_alive() {
        let (sender, mut receiver) = mpsc::channel::<u32>(2);
        let _unused = sender.clone();
        drop(sender);
        let waited = tokio::time::timeout(Duration::from_secs(3600), receiver.recv()).await;
        assert!(waited.is_err(), "still waiting after an hour");
    }

    #[tokio::test(start_paused = true)]
    async fn a_send_dropped_while_waiting_loses_its_message() {
        let (sender, mut receiver) = mpsc::channel(1);
        sender.send(1).await.unwrap(); // now the channel is full
        tokio::select! {
            _ = sender.send(2) => unreachable!("there is no room"),
            _ = sleep(Duration::from_millis(10)) => {} // the send is dropped
        }
        drop(sender);
        assert_eq!(receiver.recv().await, Some(1));
        assert_eq!(receiver.recv().await, None, "message 2 is gone");
    }

    #[tokio::test]
    async fn send_gives_the_value_back_once_the_receiver_is_gone() {
        let (sender, receiver) = mpsc::channel(2);
        drop(receiver);
        let error = sender.send("job").await.unwrap_err();
        assert_eq!(error.0, "job");
    }

    #[tokio::test]
    async fn try_send_refuses_at_once_when_the_channel_is_full() {
        let (sender, _receiver) = mpsc::channel(1);
        sender.try_send(1).unwrap();
        assert!(matches!(
            sender.try_send(2),
            Err(mpsc::error::TrySendError::Full(2))
        ));
    }

    #[tokio::test]
    async fn an_unbounded_channel_never_makes_the_sender_wait() {
        let (sender, receiver) = mpsc::unbounded_channel();
        for job in 0..100_000 {
            sender.send(job).unwrap(); // not even async
        }
        assert_eq!(receiver.len(), 100_000);
    }
}
