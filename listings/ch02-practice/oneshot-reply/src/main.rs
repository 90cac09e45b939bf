use std::collections::HashMap;
use tokio::sync::{mpsc, oneshot};

// ANCHOR: store
/// What a client can ask the store.
enum Command {
    Set {
        key: String,
        value: u64,
    },
    Get {
        key: String,
        reply: oneshot::Sender<Option<u64>>,
    },
}

/// Owns the map: no other task can touch it, so it needs no mutex.
async fn store(mut commands: mpsc::Receiver<Command>) {
    let mut map = HashMap::new();
    while let Some(command) = commands.recv().await {
        match command {
            Command::Set { key, value } => {
                map.insert(key, value);
            }
            Command::Get { key, reply } => {
                // An error only means the client stopped waiting: nothing to do.
                let _ = reply.send(map.get(&key).copied());
            }
        }
    }
} // every client is gone: the store ends
// ANCHOR_END: store

// ANCHOR: client
/// A client's handle on the store; clone it for each task.
#[derive(Clone)]
struct Client(mpsc::Sender<Command>);

impl Client {
    async fn set(&self, key: &str, value: u64) {
        let command = Command::Set {
            key: key.to_string(),
            value,
        };
        self.0.send(command).await.expect("the store has stopped");
    }

    async fn get(&self, key: &str) -> Option<u64> {
        let (reply, answer) = oneshot::channel();
        let command = Command::Get {
            key: key.to_string(),
            reply,
        };
        self.0.send(command).await.expect("the store has stopped");
        answer.await.expect("the store dropped the request")
    }
}
// ANCHOR_END: client

// ANCHOR: main
#[tokio::main]
async fn main() {
    let (sender, receiver) = mpsc::channel(32);
    let store = tokio::spawn(store(receiver));
    let client = Client(sender);

    client.set("apples", 3).await;
    let other = client.clone();
    let task = tokio::spawn(async move { other.get("apples").await });
    println!("apples: {:?}", task.await.unwrap());
    println!("pears:  {:?}", client.get("pears").await);

    drop(client); // the last sender: the store's loop ends
    store.await.unwrap();
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn every_client_gets_the_answer_to_its_own_request() {
        let (sender, receiver) = mpsc::channel(4);
        tokio::spawn(store(receiver));
        let client = Client(sender);
        for n in 0..50 {
            client.set(&n.to_string(), n).await;
        }
        let tasks: Vec<_> = (0..50)
            .map(|n| {
                let client = client.clone();
                tokio::spawn(async move { client.get(&n.to_string()).await })
            })
            .collect();
        for (n, task) in (0..50).zip(tasks) {
            assert_eq!(task.await.unwrap(), Some(n));
        }
    }

    #[tokio::test]
    async fn the_store_ends_when_the_last_client_is_dropped() {
        let (sender, receiver) = mpsc::channel(4);
        let store = tokio::spawn(store(receiver));
        let client = Client(sender);
        let other = client.clone();
        drop(client);
        tokio::task::yield_now().await; // the store runs, and waits for more
        assert!(!store.is_finished(), "one client is left");
        drop(other);
        store.await.unwrap();
    }

    #[tokio::test]
    async fn a_reply_sender_dropped_unanswered_wakes_the_client_with_an_error() {
        let (reply, answer) = oneshot::channel::<Option<u64>>();
        drop(reply);
        assert!(answer.await.is_err());
    }

    #[tokio::test]
    async fn sending_on_a_oneshot_whose_receiver_is_gone_gives_the_value_back() {
        let (reply, answer) = oneshot::channel::<Option<u64>>();
        drop(answer);
        assert_eq!(reply.send(Some(3)), Err(Some(3)));
    }
}
