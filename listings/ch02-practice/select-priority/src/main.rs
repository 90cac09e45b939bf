use tokio::sync::mpsc::{self, Receiver};

// ANCHOR: next_message
/// The next message from either channel, urgent ones first; `None` once
/// both channels are closed and empty.
async fn next_message(
    urgent: &mut Receiver<&'static str>,
    normal: &mut Receiver<&'static str>,
) -> Option<&'static str> {
    tokio::select! {
        biased; // try the branches in order, so `urgent` always goes first
        Some(message) = urgent.recv() => Some(message),
        Some(message) = normal.recv() => Some(message),
        else => None, // both `recv`s gave `None`: both branches are disabled
    }
}
// ANCHOR_END: next_message

// ANCHOR: main
#[tokio::main]
async fn main() {
    let (urgent_tx, mut urgent) = mpsc::channel(8);
    let (normal_tx, mut normal) = mpsc::channel(8);
    for message in ["normal 1", "normal 2"] {
        normal_tx.send(message).await.unwrap();
    }
    urgent_tx.send("urgent 1").await.unwrap();
    drop(urgent_tx); // the urgent channel closes first
    normal_tx.send("normal 3").await.unwrap();
    drop(normal_tx);

    while let Some(message) = next_message(&mut urgent, &mut normal).await {
        println!("{message}");
    }
    println!("both channels closed");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use tokio::time::{Instant, sleep};

    #[tokio::test]
    async fn with_biased_the_first_ready_branch_always_wins() {
        let (urgent_tx, mut urgent) = mpsc::channel(200);
        let (normal_tx, mut normal) = mpsc::channel(200);
        for _ in 0..100 {
            urgent_tx.send("urgent").await.unwrap();
            normal_tx.send("normal").await.unwrap();
        }
        for _ in 0..100 {
            assert_eq!(next_message(&mut urgent, &mut normal).await, Some("urgent"));
        }
        assert_eq!(next_message(&mut urgent, &mut normal).await, Some("normal"));
    }

    #[tokio::test]
    async fn without_biased_either_ready_branch_may_win() {
        let (a_tx, mut a) = mpsc::channel(200);
        let (b_tx, mut b) = mpsc::channel(200);
        for _ in 0..100 {
            a_tx.send("a").await.unwrap();
            b_tx.send("b").await.unwrap();
        }
        let mut winners = Vec::new();
        for _ in 0..100 {
            winners.push(tokio::select! {
                Some(m) = a.recv() => m,
                Some(m) = b.recv() => m,
            });
        }
        // A random start each time: 100 draws all landing on one side has a
        // chance of 2 in 2^100.
        assert!(winners.contains(&"a") && winners.contains(&"b"));
    }

    #[tokio::test(start_paused = true)]
    async fn a_closed_channel_disables_its_branch_and_select_waits_on_the_other() {
        let (urgent_tx, mut urgent) = mpsc::channel::<&str>(8);
        let (normal_tx, mut normal) = mpsc::channel(8);
        drop(urgent_tx);
        tokio::spawn(async move {
            sleep(Duration::from_millis(100)).await;
            normal_tx.send("late").await.unwrap();
        });
        let start = Instant::now();
        assert_eq!(next_message(&mut urgent, &mut normal).await, Some("late"));
        assert_eq!(start.elapsed(), Duration::from_millis(100));
    }

    #[tokio::test]
    async fn else_runs_when_every_branch_is_disabled() {
        let (_, mut urgent) = mpsc::channel::<&str>(1);
        let (_, mut normal) = mpsc::channel::<&str>(1);
        assert_eq!(next_message(&mut urgent, &mut normal).await, None);
    }

    #[tokio::test]
    #[should_panic(expected = "all branches are disabled and there is no else branch")]
    async fn without_else_select_panics_when_every_branch_is_disabled() {
        let (_, mut a) = mpsc::channel::<&str>(1);
        tokio::select! {
            Some(m) = a.recv() => println!("{m}"),
        }
    }

    #[tokio::test(start_paused = true)]
    async fn every_branch_future_is_dropped_before_the_handler_runs() {
        use std::sync::{Arc, Mutex};
        /// Logs its name when dropped.
        struct Guard(&'static str, Arc<Mutex<Vec<&'static str>>>);
        impl Drop for Guard {
            fn drop(&mut self) {
                self.1.lock().unwrap().push(self.0);
            }
        }
        let log = Arc::new(Mutex::new(Vec::new()));
        let (fast_log, slow_log) = (Arc::clone(&log), Arc::clone(&log));
        tokio::select! {
            _ = async move {
                let _guard = Guard("fast future dropped", fast_log);
                sleep(Duration::from_millis(10)).await;
            } => log.lock().unwrap().push("handler runs"),
            _ = async move {
                let _guard = Guard("slow future dropped", slow_log);
                sleep(Duration::from_secs(10)).await;
            } => unreachable!(),
        }
        let mut events = log.lock().unwrap().clone();
        let handler = events.pop();
        events.sort(); // the two drops: in either order, but both first
        assert_eq!(events, ["fast future dropped", "slow future dropped"]);
        assert_eq!(handler, Some("handler runs"));
    }

    #[tokio::test]
    async fn with_biased_a_branch_after_the_winner_is_never_polled() {
        let mut polled = false;
        let value = tokio::select! {
            biased;
            v = std::future::ready(1) => v,
            v = async { polled = true; 2 } => v,
        };
        assert_eq!(value, 1);
        assert!(!polled, "the second branch's future was dropped unpolled");
    }
}
