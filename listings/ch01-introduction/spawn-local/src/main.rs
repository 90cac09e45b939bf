// ANCHOR: all
use std::cell::RefCell;
use std::rc::Rc;
use tokio::time::{Duration, sleep};

/// Counts visits; `Rc<RefCell<..>>` is not `Send`.
async fn count_visits(visits: Rc<RefCell<u32>>) {
    for _ in 0..3 {
        sleep(Duration::from_millis(10)).await;
        *visits.borrow_mut() += 1;
    }
}

// The local runtime: one thread, and `spawn_local` for tasks that are not `Send`.
#[tokio::main(flavor = "local")]
async fn main() {
    let visits = Rc::new(RefCell::new(0));
    let task = tokio::task::spawn_local(count_visits(Rc::clone(&visits)));
    task.await.unwrap();
    println!("visits: {}", visits.borrow());
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::task::LocalSet;

    /// The task's thread, and the thread that spawned it.
    async fn spawn_local_threads() -> (std::thread::ThreadId, std::thread::ThreadId) {
        let spawner = std::thread::current().id();
        let task = tokio::task::spawn_local(async { std::thread::current().id() });
        (task.await.unwrap(), spawner)
    }

    #[tokio::test(flavor = "local", start_paused = true)]
    async fn a_local_task_runs_on_the_thread_that_spawned_it() {
        let visits = Rc::new(RefCell::new(0));
        tokio::task::spawn_local(count_visits(Rc::clone(&visits)))
            .await
            .unwrap();
        assert_eq!(*visits.borrow(), 3);
        let (task, spawner) = spawn_local_threads().await;
        assert_eq!(task, spawner);
    }

    // On a current-thread runtime, a `LocalSet` does the same for the
    // futures it runs.
    #[tokio::test(start_paused = true)]
    async fn a_local_set_runs_local_tasks_on_a_current_thread_runtime() {
        let visits = Rc::new(RefCell::new(0));
        let local = LocalSet::new();
        let (task, spawner) = local
            .run_until(async {
                tokio::task::spawn_local(count_visits(Rc::clone(&visits)))
                    .await
                    .unwrap();
                spawn_local_threads().await
            })
            .await;
        assert_eq!(*visits.borrow(), 3);
        assert_eq!(task, spawner);
    }

    #[tokio::test]
    #[should_panic]
    async fn spawn_local_panics_outside_a_local_set_or_local_runtime() {
        drop(tokio::task::spawn_local(async {}));
    }
}
