// ANCHOR: all
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Mutex;
use tokio::time::sleep;

/// Stands for a connection: each message must reach it as two lines in a row.
type Connection = Arc<Mutex<Vec<String>>>;

async fn send_message(connection: Connection, from: &'static str) {
    let mut connection = connection.lock().await; // waits for its turn without blocking the thread
    connection.push(format!("{from}: header"));
    sleep(Duration::from_millis(100)).await; // a slow write; the lock is still held
    connection.push(format!("{from}: body"));
}

#[tokio::main(flavor = "current_thread")] // one thread: `a` asks for the lock first
async fn main() {
    let connection = Connection::default();
    let a = tokio::spawn(send_message(Arc::clone(&connection), "a"));
    let b = tokio::spawn(send_message(Arc::clone(&connection), "b"));
    a.await.unwrap();
    b.await.unwrap();
    for line in connection.lock().await.iter() {
        println!("{line}");
    }
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::Instant;

    #[tokio::test(start_paused = true)]
    async fn the_guard_held_across_the_await_keeps_each_message_together() {
        let connection = Connection::default();
        let start = Instant::now();
        tokio::join!(
            biased; // polled in this order, so they ask for the lock in this order
            send_message(Arc::clone(&connection), "a"),
            send_message(Arc::clone(&connection), "b"),
            send_message(Arc::clone(&connection), "c"),
        );
        // The holders took turns, in the order they asked: 3 × 100 ms.
        assert_eq!(start.elapsed(), Duration::from_millis(300));
        assert_eq!(
            *connection.lock().await,
            [
                "a: header",
                "a: body",
                "b: header",
                "b: body",
                "c: header",
                "c: body"
            ]
        );
    }

    #[tokio::test(start_paused = true)]
    #[allow(clippy::await_holding_lock)] // on purpose: what the lint warns about
    async fn a_std_guard_held_across_an_await_keeps_the_mutex_locked_while_the_task_waits() {
        let views = std::sync::Mutex::new(0);
        let holder = async {
            let mut guard = views.lock().unwrap();
            *guard += 1;
            sleep(Duration::from_millis(100)).await; // suspended, still holding the lock
        };
        let other = async {
            // `lock()` here would block the thread, and the holder, which
            // shares the thread, could never run to unlock it: a deadlock.
            // `try_lock` shows the mutex is taken without waiting for it.
            assert!(matches!(
                views.try_lock(),
                Err(std::sync::TryLockError::WouldBlock)
            ));
        };
        tokio::join!(biased; holder, other);
    }
}
