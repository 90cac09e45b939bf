use futures::{SinkExt, StreamExt};
use std::collections::HashMap;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::sync::{mpsc, oneshot};
use tokio_util::codec::{Framed, LinesCodec};

// ANCHOR: exercise
/// `DEL <key>` is a request to the store's task like the others; its reply
/// says whether the key was there.
enum Request {
    Get {
        key: String,
        reply: oneshot::Sender<Option<String>>,
    },
    Set {
        key: String,
        value: String,
        reply: oneshot::Sender<()>,
    },
    Del {
        key: String,
        reply: oneshot::Sender<bool>,
    },
}

async fn run_store(mut requests: mpsc::Receiver<Request>) {
    let mut map = HashMap::new();
    while let Some(request) = requests.recv().await {
        match request {
            Request::Get { key, reply } => {
                let _ = reply.send(map.get(&key).cloned());
            }
            Request::Set { key, value, reply } => {
                map.insert(key, value);
                let _ = reply.send(());
            }
            Request::Del { key, reply } => {
                let _ = reply.send(map.remove(&key).is_some());
            }
        }
    }
}

#[derive(Clone)]
struct Store {
    requests: mpsc::Sender<Request>,
}

#[derive(Debug)]
struct StoreGone;

impl Store {
    fn start() -> Store {
        let (requests, receiver) = mpsc::channel(32);
        tokio::spawn(run_store(receiver));
        Store { requests }
    }

    async fn get(&self, key: &str) -> Result<Option<String>, StoreGone> {
        let (reply, answer) = oneshot::channel();
        let key = key.to_string();
        self.requests
            .send(Request::Get { key, reply })
            .await
            .map_err(|_| StoreGone)?;
        answer.await.map_err(|_| StoreGone)
    }

    async fn set(&self, key: &str, value: &str) -> Result<(), StoreGone> {
        let (reply, answer) = oneshot::channel();
        let (key, value) = (key.to_string(), value.to_string());
        self.requests
            .send(Request::Set { key, value, reply })
            .await
            .map_err(|_| StoreGone)?;
        answer.await.map_err(|_| StoreGone)
    }

    /// Whether the key was there.
    async fn del(&self, key: &str) -> Result<bool, StoreGone> {
        let (reply, answer) = oneshot::channel();
        let key = key.to_string();
        self.requests
            .send(Request::Del { key, reply })
            .await
            .map_err(|_| StoreGone)?;
        answer.await.map_err(|_| StoreGone)
    }
}

enum Command<'a> {
    Get(&'a str),
    Set(&'a str, &'a str),
    Del(&'a str),
}

fn parse(line: &str) -> Result<Command<'_>, String> {
    let words: Vec<&str> = line.splitn(3, ' ').collect();
    match words[..] {
        ["GET", key] => Ok(Command::Get(key)),
        ["SET", key, value] => Ok(Command::Set(key, value)),
        ["DEL", key] => Ok(Command::Del(key)),
        ["GET", ..] => Err("ERR usage: GET <key>".to_string()),
        ["SET", ..] => Err("ERR usage: SET <key> <value>".to_string()),
        ["DEL", ..] => Err("ERR usage: DEL <key>".to_string()),
        [] | [""] => Err("ERR empty line".to_string()),
        [other, ..] => Err(format!("ERR unknown command {other:?}")),
    }
}

async fn execute(store: &Store, line: &str) -> String {
    let result = match parse(line) {
        Ok(Command::Get(key)) => store.get(key).await.map(|value| match value {
            Some(value) => format!("VALUE {value}"),
            None => "NONE".to_string(),
        }),
        Ok(Command::Set(key, value)) => store.set(key, value).await.map(|()| "OK".to_string()),
        Ok(Command::Del(key)) => store
            .del(key)
            .await
            .map(|deleted| if deleted { "DELETED" } else { "NONE" }.to_string()),
        Err(reply) => Ok(reply),
    };
    result.unwrap_or_else(|StoreGone| "ERR store unavailable".to_string())
}
// ANCHOR_END: exercise

/// One connection, as in "The Actor Alternative" (over any stream).
async fn handle<S>(stream: S, store: Store)
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let mut lines = Framed::new(stream, LinesCodec::new_with_max_length(64));
    while let Some(Ok(line)) = lines.next().await {
        let reply = execute(&store, &line).await;
        if lines.send(reply).await.is_err() {
            return;
        }
    }
}

/// A client over an in-memory pipe: each line, and the store's answer.
#[tokio::main]
async fn main() {
    let (client, server) = tokio::io::duplex(1024);
    tokio::spawn(handle(server, Store::start()));
    let mut client = Framed::new(client, LinesCodec::new());
    for line in [
        "SET color blue",
        "DEL color",
        "GET color",
        "DEL color",
        "DEL",
    ] {
        println!("> {line}");
        client.send(line).await.unwrap();
        println!("< {}", client.next().await.unwrap().unwrap());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{DuplexStream, duplex};

    fn connect() -> Framed<DuplexStream, LinesCodec> {
        let (client, server) = duplex(1024);
        tokio::spawn(handle(server, Store::start()));
        Framed::new(client, LinesCodec::new())
    }

    async fn call(client: &mut Framed<DuplexStream, LinesCodec>, line: &str) -> String {
        client.send(line).await.unwrap();
        client.next().await.unwrap().unwrap()
    }

    #[tokio::test]
    async fn del_removes_a_key_and_says_it_did() {
        let mut client = connect();
        assert_eq!(call(&mut client, "SET color blue").await, "OK");
        assert_eq!(
            call(&mut client, "DEL color").await,
            "DELETED",
            "DEL must remove the key"
        );
        assert_eq!(call(&mut client, "GET color").await, "NONE");
    }

    #[tokio::test]
    async fn del_of_a_missing_key_answers_none() {
        let mut client = connect();
        assert_eq!(
            call(&mut client, "DEL color").await,
            "NONE",
            "DEL of a missing key"
        );
    }

    #[tokio::test]
    async fn del_without_a_key_is_an_error() {
        let mut client = connect();
        assert_eq!(
            call(&mut client, "DEL").await,
            "ERR usage: DEL <key>",
            "DEL needs a key"
        );
    }

    #[tokio::test]
    async fn get_and_set_still_work() {
        let mut client = connect();
        assert_eq!(call(&mut client, "SET color blue").await, "OK");
        assert_eq!(call(&mut client, "GET color").await, "VALUE blue");
    }
}
