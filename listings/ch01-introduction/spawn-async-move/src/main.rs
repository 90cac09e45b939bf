// ANCHOR: all
use std::sync::Arc;
use tokio::task::JoinHandle;
use tokio::time::{Duration, sleep};

/// Starts a task that greets `name` after a while, and returns at once.
fn start_greeting(name: String, greeting: Arc<String>) -> JoinHandle<String> {
    // `async move`: the future owns `name` and `greeting` from here on.
    tokio::spawn(async move {
        sleep(Duration::from_millis(10)).await;
        format!("{greeting}, {name}!")
    })
    // `start_greeting` returns; the task keeps what it owns.
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // One greeting shared by every task: each gets its own `Arc` to it.
    let greeting = Arc::new(String::from("Hello"));
    let handles: Vec<_> = ["Ann", "Bob"]
        .into_iter()
        .map(|name| start_greeting(name.to_string(), Arc::clone(&greeting)))
        .collect();
    for handle in handles {
        println!("{}", handle.await.unwrap());
    }
    println!("main still has its greeting: {greeting}");
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use super::*;

    // The task reads `name` 10 ms after `start_greeting` has returned and
    // its caller has dropped everything it had.
    #[tokio::test(start_paused = true)]
    async fn a_moved_value_outlives_the_function_that_spawned_the_task() {
        let handle = {
            let name = String::from("Cy");
            let greeting = Arc::new(String::from("Hi"));
            start_greeting(name, greeting)
        };
        assert_eq!(handle.await.unwrap(), "Hi, Cy!");
    }

    // An `Rc` that is dropped before the `.await` does not make the future
    // non-`Send`: this compiles, and runs.
    #[tokio::test(start_paused = true)]
    async fn an_rc_dropped_before_the_await_does_not_stop_spawn() {
        let handle = tokio::spawn(async {
            let hits = {
                let hits = std::rc::Rc::new(1);
                *hits
            };
            sleep(Duration::from_millis(10)).await;
            hits
        });
        assert_eq!(handle.await.unwrap(), 1);
    }
}
