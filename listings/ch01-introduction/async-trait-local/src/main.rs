// ANCHOR: all
use async_trait::async_trait;
use std::rc::Rc;
use tokio::time::{Duration, sleep};

#[async_trait(?Send)]
trait DataStore {
    async fn get(&self, key: &str) -> Option<String>;
}

/// The same slow store: it holds an `Rc` across its `.await`.
struct SlowStore;

#[async_trait(?Send)]
impl DataStore for SlowStore {
    async fn get(&self, key: &str) -> Option<String> {
        let shared = Rc::new(key.to_owned());
        sleep(Duration::from_millis(10)).await;
        Some(shared.to_string())
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let store: Box<dyn DataStore> = Box::new(SlowStore);
    println!("{:?}", store.get("k").await);
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_non_send_method_compiles_and_runs_with_question_send() {
        let store: Box<dyn DataStore> = Box::new(SlowStore);
        assert_eq!(store.get("k").await, Some(String::from("k")));
    }
}
