// ANCHOR: all
use std::thread;
use tokio::runtime::Handle;

fn thread_name() -> Option<String> {
    thread::current().name().map(String::from)
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("runtime flavor: {:?}", Handle::current().runtime_flavor());
    println!("main runs on thread {:?}", thread_name());

    let task = tokio::spawn(async { thread_name() }).await.unwrap();
    println!("a spawned task ran on thread {task:?}");

    let blocking = tokio::task::spawn_blocking(thread_name).await.unwrap();
    println!("spawn_blocking ran on thread {blocking:?}");
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::thread::{self, ThreadId};
    use tokio::runtime::Builder;

    fn current_thread_runtime() -> tokio::runtime::Runtime {
        Builder::new_current_thread().enable_all().build().unwrap()
    }

    #[test]
    fn spawned_tasks_run_on_the_block_on_thread_blocking_work_does_not() {
        let caller = thread::current().id();
        let (task, blocking): (ThreadId, ThreadId) = current_thread_runtime().block_on(async {
            let task = tokio::spawn(async { thread::current().id() });
            let blocking = tokio::task::spawn_blocking(|| thread::current().id());
            (task.await.unwrap(), blocking.await.unwrap())
        });
        assert_eq!(task, caller);
        assert_ne!(blocking, caller);
    }

    // A spawned task makes progress only while some thread is inside
    // `block_on`: between two `block_on` calls, it waits.
    #[test]
    fn spawned_tasks_run_only_inside_block_on() {
        let runtime = current_thread_runtime();
        let ran = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&ran);
        let handle = runtime.spawn(async move { flag.store(true, Ordering::SeqCst) });
        thread::sleep(std::time::Duration::from_millis(20));
        assert!(!ran.load(Ordering::SeqCst));
        runtime.block_on(handle).unwrap();
        assert!(ran.load(Ordering::SeqCst));
    }
}
