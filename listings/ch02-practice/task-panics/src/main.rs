use std::panic;
use tokio::task::JoinHandle;

// ANCHOR: join_or_resume
/// Awaits a task and returns its value; if the task panicked, panics here
/// with the task's own payload, as if the panic had happened in this task.
async fn join_or_resume<T>(handle: JoinHandle<T>) -> T {
    match handle.await {
        Ok(value) => value,
        Err(e) if e.is_panic() => panic::resume_unwind(e.into_panic()),
        Err(e) => panic!("the task was cancelled: {e}"),
    }
}
// ANCHOR_END: join_or_resume

// ANCHOR: main
#[tokio::main(flavor = "current_thread")]
async fn main() {
    // Nobody keeps this task's handle: its panic reaches no one.
    drop(tokio::spawn(async { panic!("a detached task failed") }));
    tokio::task::yield_now().await; // let it run (and panic)
    println!("main goes on");

    let handle = tokio::spawn(async {
        let numbers: Vec<u32> = Vec::new();
        numbers[0] // panics: the vector is empty
    });
    let first = join_or_resume(handle).await;
    println!("never printed: {first}");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::any::Any;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    /// Runs `future` on a new current-thread runtime and returns the payload
    /// of the panic it ends with.
    fn panic_payload_of(future: impl Future<Output = ()>) -> Box<dyn Any + Send> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        panic::catch_unwind(panic::AssertUnwindSafe(|| runtime.block_on(future)))
            .expect_err("the future was meant to panic")
    }

    #[test]
    fn resume_unwind_passes_on_the_tasks_own_payload() {
        let payload = panic_payload_of(async {
            join_or_resume(tokio::spawn(async { panic!("boom") })).await
        });
        assert_eq!(payload.downcast_ref::<&str>(), Some(&"boom"));
    }

    #[test]
    fn unwrap_panics_with_a_message_of_its_own() {
        let payload =
            panic_payload_of(async { tokio::spawn(async { panic!("boom") }).await.unwrap() });
        let message = payload.downcast_ref::<String>().unwrap();
        assert!(
            message.starts_with("called `Result::unwrap()` on an `Err` value: JoinError::Panic("),
            "{message}"
        );
    }

    #[tokio::test]
    async fn a_detached_tasks_panic_reaches_no_one() {
        let ran = Arc::new(AtomicBool::new(false));
        let r = ran.clone();
        drop(tokio::spawn(async move {
            r.store(true, Ordering::SeqCst);
            panic!("a detached task failed");
        }));
        tokio::task::yield_now().await;
        // The task ran and panicked, and this task goes on, none the wiser.
        assert!(ran.load(Ordering::SeqCst));
        assert_eq!(
            tokio::runtime::Handle::current()
                .metrics()
                .num_alive_tasks(),
            0
        );
    }
}
