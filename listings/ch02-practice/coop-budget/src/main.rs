// ANCHOR: steps
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Runs `step` 1000 times, and returns how many steps had run when a task
/// spawned just before the loop first got the thread.
async fn steps_before_another_task(mut step: impl AsyncFnMut()) -> usize {
    // The budget is per poll of the task: start on a new poll, with all of it.
    tokio::task::yield_now().await;
    let steps = Arc::new(AtomicUsize::new(0));
    let seen = Arc::clone(&steps);
    let other = tokio::spawn(async move { seen.load(Ordering::SeqCst) });
    for _ in 0..1000 {
        step().await;
        steps.fetch_add(1, Ordering::SeqCst);
    }
    other.await.unwrap()
}
// ANCHOR_END: steps

// ANCHOR: main
use futures::StreamExt;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // 1000 messages, all sent before the loop starts: every `recv` is ready.
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
    (0..1000).for_each(|i| tx.send(i).unwrap());
    let n = steps_before_another_task(async || {
        let _ = rx.recv().await;
    })
    .await;
    println!("tokio's mpsc:           {n}");

    // The same with the `futures` crate's channel, which knows no budget.
    let (tx, mut rx) = futures::channel::mpsc::unbounded();
    (0..1000).for_each(|i| tx.unbounded_send(i).unwrap());
    let n = steps_before_another_task(async || {
        let _ = rx.next().await;
    })
    .await;
    println!("futures' mpsc:          {n}");

    // A computation that spends one unit of budget per step.
    let n = steps_before_another_task(async || tokio::task::coop::consume_budget().await).await;
    println!("with consume_budget():  {n}");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn tokio_forces_a_yield_after_128_ready_receives() {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        (0..1000).for_each(|i| tx.send(i).unwrap());
        assert_eq!(
            steps_before_another_task(async || {
                let _ = rx.recv().await;
            })
            .await,
            128
        );
    }

    #[tokio::test]
    async fn a_channel_outside_tokio_spends_no_budget() {
        let (tx, mut rx) = futures::channel::mpsc::unbounded();
        (0..1000).for_each(|i| tx.unbounded_send(i).unwrap());
        assert_eq!(
            steps_before_another_task(async || {
                let _ = rx.next().await;
            })
            .await,
            1000
        );
    }

    #[tokio::test]
    async fn consume_budget_yields_once_the_budget_is_spent() {
        let n = steps_before_another_task(async || tokio::task::coop::consume_budget().await).await;
        assert_eq!(n, 128);
    }
}
