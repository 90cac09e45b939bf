use std::thread;
use std::time::Duration;
use tokio::sync::mpsc;

/// Stands for a blocking library call or a heavy computation: 20 ms without
/// an `.await`.
fn checksum(data: &[u8]) -> u64 {
    thread::sleep(Duration::from_millis(20));
    data.iter().map(|&b| u64::from(b)).sum()
}

// ANCHOR: spawn_blocking
/// A short blocking call: on Tokio's blocking pool. The closure must be
/// `Send + 'static`, so it owns its data.
async fn checksum_on_the_pool(data: Vec<u8>) -> u64 {
    tokio::task::spawn_blocking(move || checksum(&data))
        .await
        .unwrap()
}
// ANCHOR_END: spawn_blocking

// ANCHOR: dedicated_thread
/// Blocking work that never ends: a thread of its own, fed by a channel.
/// Returns the sender, and the thread, which ends when every sender is gone.
fn start_audit_log() -> (mpsc::Sender<String>, thread::JoinHandle<usize>) {
    let (sender, mut receiver) = mpsc::channel::<String>(64);
    let thread = thread::spawn(move || {
        let mut written = 0;
        // `blocking_recv` blocks this thread, which is what it is for.
        while let Some(_line) = receiver.blocking_recv() {
            // ... write `_line` to a file with `std::fs`, say ...
            written += 1;
        }
        written
    });
    (sender, thread)
}
// ANCHOR_END: dedicated_thread

// ANCHOR: block_in_place
/// A blocking call right here, on this worker thread, which first hands its
/// other tasks to a new thread. The closure may borrow: no copy of `data`.
/// Only on the multi-thread runtime.
async fn checksum_in_place(data: &[u8]) -> u64 {
    tokio::task::block_in_place(|| checksum(data))
}
// ANCHOR_END: block_in_place

// ANCHOR: main
#[tokio::main] // multi-thread, which `block_in_place` needs
async fn main() {
    let data = vec![1, 2, 3];
    println!(
        "spawn_blocking: {}",
        checksum_on_the_pool(data.clone()).await
    );
    println!("block_in_place: {}", checksum_in_place(&data).await);

    let (audit, log_thread) = start_audit_log();
    for user in ["ann", "bob"] {
        audit.send(format!("{user} logged in")).await.unwrap();
    }
    drop(audit); // the last sender: the thread's loop ends
    println!("audit log: {} lines", log_thread.join().unwrap());
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc as std_mpsc;

    /// A multi-thread runtime with one worker thread.
    fn one_worker() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .build()
            .unwrap()
    }

    #[test]
    fn a_blocking_call_keeps_the_only_worker_from_running_other_tasks() {
        let (ran_tx, ran_rx) = std_mpsc::channel();
        let ran_during_the_block = one_worker().block_on(async move {
            tokio::spawn(async move {
                tokio::spawn(async move { ran_tx.send(()).unwrap() });
                // Blocks the worker: the task just spawned cannot run.
                ran_rx.recv_timeout(Duration::from_millis(50)).is_ok()
            })
            .await
            .unwrap()
        });
        assert!(!ran_during_the_block);
    }

    #[test]
    fn block_in_place_lets_the_other_tasks_run_during_the_block() {
        let (ran_tx, ran_rx) = std_mpsc::channel();
        let ran_during_the_block = one_worker().block_on(async move {
            tokio::spawn(async move {
                tokio::spawn(async move { ran_tx.send(()).unwrap() });
                tokio::task::block_in_place(|| ran_rx.recv_timeout(Duration::from_secs(10)).is_ok())
            })
            .await
            .unwrap()
        });
        assert!(ran_during_the_block);
    }

    #[test]
    fn a_task_spawned_just_before_a_block_waits_for_it_even_with_an_idle_worker() {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .build()
            .unwrap();
        let (ran_tx, ran_rx) = std_mpsc::channel();
        let ran_during_the_block = runtime.block_on(async move {
            tokio::spawn(async move {
                // Goes to this worker's LIFO slot, which the other worker
                // cannot steal from.
                tokio::spawn(async move { ran_tx.send(()).unwrap() });
                ran_rx.recv_timeout(Duration::from_millis(50)).is_ok()
            })
            .await
            .unwrap()
        });
        assert!(!ran_during_the_block);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn block_in_place_still_holds_up_the_other_futures_of_its_own_task() {
        let (ran_tx, ran_rx) = std_mpsc::channel();
        let (ran_during_the_block, ()) = tokio::join!(
            biased;
            async { tokio::task::block_in_place(|| ran_rx.recv_timeout(Duration::from_millis(50)).is_ok()) },
            async { ran_tx.send(()).unwrap() },
        );
        assert!(!ran_during_the_block);
    }

    #[tokio::test] // a current-thread runtime
    #[should_panic(expected = "can call blocking only when running on the multi-threaded runtime")]
    async fn block_in_place_panics_on_a_current_thread_runtime() {
        checksum_in_place(&[1, 2, 3]).await;
    }

    #[tokio::test] // a current-thread runtime
    async fn spawn_blocking_runs_on_another_thread_even_on_a_current_thread_runtime() {
        let runtime_thread = thread::current().id();
        let pool_thread = tokio::task::spawn_blocking(|| thread::current().id())
            .await
            .unwrap();
        assert_ne!(pool_thread, runtime_thread);
        assert_eq!(checksum_on_the_pool(vec![1, 2, 3]).await, 6);
    }

    #[tokio::test]
    async fn the_dedicated_thread_serves_until_every_sender_is_dropped() {
        let (audit, log_thread) = start_audit_log();
        let second = audit.clone();
        audit.send("one".into()).await.unwrap();
        second.send("two".into()).await.unwrap();
        drop(audit);
        second.send("three".into()).await.unwrap();
        drop(second);
        assert_eq!(log_thread.join().unwrap(), 3);
    }
}
