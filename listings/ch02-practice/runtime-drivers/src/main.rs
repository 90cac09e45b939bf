// ANCHOR: all
use std::io;
use std::thread;
use tokio::runtime::Builder;

fn main() -> io::Result<()> {
    // No `enable_all()`: this runtime has neither the I/O driver nor the timer.
    let runtime = Builder::new_current_thread().build()?;

    runtime.block_on(async {
        // `tokio::fs` needs neither: it runs `std::fs` calls on the blocking pool.
        tokio::fs::write("notes.txt", "written without any driver").await?;
        println!(
            "read back: {}",
            tokio::fs::read_to_string("notes.txt").await?
        );
        tokio::fs::remove_file("notes.txt").await?;

        let main_thread = thread::current().name().map(String::from);
        let pool_thread =
            tokio::task::spawn_blocking(|| thread::current().name().map(String::from)).await?;
        println!("the runtime polls on {main_thread:?}, blocking work runs on {pool_thread:?}");
        Ok(())
    })
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use tokio::runtime::Builder;
    use tokio::time::{Duration, sleep};

    fn no_drivers() -> tokio::runtime::Runtime {
        Builder::new_current_thread().build().unwrap()
    }

    // `tokio::fs` works on a runtime without the I/O driver, and it starts a
    // thread of the blocking pool (a current-thread runtime has no other
    // threads, so every thread it starts belongs to that pool).
    #[test]
    fn tokio_fs_needs_no_driver_and_runs_on_the_blocking_pool() {
        let started = Arc::new(AtomicUsize::new(0));
        let count = Arc::clone(&started);
        let runtime = Builder::new_current_thread()
            .on_thread_start(move || {
                count.fetch_add(1, Ordering::SeqCst);
            })
            .build()
            .unwrap();
        let path =
            std::env::temp_dir().join(format!("ch02-runtime-drivers-{}", std::process::id()));
        runtime.block_on(async {
            assert_eq!(started.load(Ordering::SeqCst), 0);
            tokio::fs::write(&path, "hello").await.unwrap();
            assert_eq!(tokio::fs::read_to_string(&path).await.unwrap(), "hello");
            tokio::fs::remove_file(&path).await.unwrap();
            assert!(started.load(Ordering::SeqCst) >= 1);
        });
    }

    // The blocking pool's threads get the same default name as the workers.
    #[test]
    fn blocking_threads_are_named_like_the_workers() {
        let name = no_drivers().block_on(async {
            tokio::task::spawn_blocking(|| std::thread::current().name().map(String::from))
                .await
                .unwrap()
        });
        assert_eq!(name.as_deref(), Some("tokio-rt-worker"));
    }

    // A socket needs the I/O driver: without it, binding a listener panics.
    #[test]
    #[should_panic(expected = "IO is disabled")]
    fn a_socket_needs_the_io_driver() {
        no_drivers().block_on(async {
            let _ = tokio::net::TcpListener::bind("127.0.0.1:0").await;
        });
    }

    // `sleep` needs the timer: without it, *calling* `sleep` panics, before
    // anything is awaited.
    #[test]
    #[should_panic(expected = "timers are disabled")]
    fn calling_sleep_without_the_timer_panics() {
        no_drivers().block_on(async {
            let _sleep = sleep(Duration::from_millis(1));
            unreachable!("sleep() returned");
        });
    }
}
