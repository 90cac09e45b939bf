use futures::{SinkExt, StreamExt};
use std::collections::HashMap;
use std::error::Error;
use std::net::SocketAddr;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, oneshot};
use tokio_util::bytes::BytesMut;
use tokio_util::codec::{Decoder, Encoder, Framed, LinesCodec, LinesCodecError};

// ANCHOR: actor
/// A request to the store, with the channel to send its answer back on.
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
}

/// The store's task: the only code that touches the map, one request at a
/// time. It ends when every `Store` handle is gone.
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
        }
    }
}

/// How many requests may wait for the store before senders have to wait.
const QUEUE: usize = 32;

/// A handle to the store's task; cheap to clone, one per connection.
#[derive(Clone)]
struct Store {
    requests: mpsc::Sender<Request>,
}

/// The store's task is gone (it ended or panicked).
#[derive(Debug)]
struct StoreGone;

impl Store {
    fn start() -> Store {
        let (requests, receiver) = mpsc::channel(QUEUE);
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
}
// ANCHOR_END: actor

async fn serve(listener: TcpListener, store: Store) {
    while let Ok((socket, _)) = listener.accept().await {
        tokio::spawn(handle(socket, store.clone()));
    }
}

async fn handle<S>(stream: S, store: Store)
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let mut lines = Framed::new(stream, CompleteLines::new());
    while let Some(line) = lines.next().await {
        let reply = match line {
            Ok(line) => execute(&store, &line).await,
            Err(LinesCodecError::MaxLineLengthExceeded) => {
                let _ = lines
                    .send(format!("ERR line longer than {MAX_LINE} bytes"))
                    .await;
                return;
            }
            Err(LinesCodecError::Io(_)) => return,
        };
        if lines.send(reply).await.is_err() {
            return;
        }
    }
}

enum Command<'a> {
    Get(&'a str),
    Set(&'a str, &'a str),
}

fn parse(line: &str) -> Result<Command<'_>, String> {
    let words: Vec<&str> = line.splitn(3, ' ').collect();
    match words[..] {
        ["GET", key] => Ok(Command::Get(key)),
        ["SET", key, value] => Ok(Command::Set(key, value)),
        ["GET", ..] => Err("ERR usage: GET <key>".to_string()),
        ["SET", ..] => Err("ERR usage: SET <key> <value>".to_string()),
        [other, ..] => Err(format!("ERR unknown command {other:?}")),
        [] => Err("ERR empty line".to_string()),
    }
}

// ANCHOR: execute
/// Runs one command by asking the store's task. Now `async`: it waits for
/// the store's answer, and holds no lock while it waits.
async fn execute(store: &Store, line: &str) -> String {
    let result = match parse(line) {
        Ok(Command::Get(key)) => store.get(key).await.map(|value| match value {
            Some(value) => format!("VALUE {value}"),
            None => "NONE".to_string(),
        }),
        Ok(Command::Set(key, value)) => store.set(key, value).await.map(|()| "OK".to_string()),
        Err(reply) => Ok(reply),
    };
    result.unwrap_or_else(|StoreGone| "ERR store unavailable".to_string())
}
// ANCHOR_END: execute

/// The longest line a client may send, in bytes (without its newline).
const MAX_LINE: usize = 64;

/// `LinesCodec` with a length limit, where a line left unfinished when the
/// client closes is an error, not a command (see "Framing").
struct CompleteLines(LinesCodec);

impl CompleteLines {
    fn new() -> Self {
        CompleteLines(LinesCodec::new_with_max_length(MAX_LINE))
    }
}

impl Decoder for CompleteLines {
    type Item = String;
    type Error = LinesCodecError;

    fn decode(&mut self, buf: &mut BytesMut) -> Result<Option<String>, LinesCodecError> {
        self.0.decode(buf)
    }
}

impl<T: AsRef<str>> Encoder<T> for CompleteLines {
    type Error = LinesCodecError;

    fn encode(&mut self, line: T, buf: &mut BytesMut) -> Result<(), LinesCodecError> {
        self.0.encode(line, buf)
    }
}

// ANCHOR: main
#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(serve(listener, Store::start()));

    let mut alice = Client::connect("alice", addr).await?;
    let mut bob = Client::connect("bob", addr).await?;
    alice.call("SET color blue").await?;
    bob.call("GET color").await?;
    bob.call("SET color green").await?;
    alice.call("GET color").await?;
    alice.call("GET size").await?;
    Ok(())
}
// ANCHOR_END: main

/// A scripted client: prints each line it sends (`>`) and receives (`<`).
struct Client {
    name: &'static str,
    lines: Framed<TcpStream, LinesCodec>,
}

impl Client {
    async fn connect(name: &'static str, addr: SocketAddr) -> Result<Client, Box<dyn Error>> {
        let stream = TcpStream::connect(addr).await?;
        Ok(Client {
            name,
            lines: Framed::new(stream, LinesCodec::new()),
        })
    }

    async fn send(&mut self, line: &str) -> Result<(), Box<dyn Error>> {
        println!("{} > {line}", self.name);
        Ok(self.lines.send(line).await?)
    }

    /// The next line from the server, or `(closed)` when it hung up.
    async fn receive(&mut self) -> Result<String, Box<dyn Error>> {
        let line = match self.lines.next().await {
            Some(line) => line?,
            None => "(closed)".to_string(),
        };
        println!("{} < {line}", self.name);
        Ok(line)
    }

    async fn call(&mut self, line: &str) -> Result<String, Box<dyn Error>> {
        self.send(line).await?;
        self.receive().await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use tokio::time::{Instant, timeout};

    #[tokio::test]
    async fn a_value_set_by_one_client_is_seen_by_another() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(serve(listener, Store::start()));
        let mut alice = Framed::new(TcpStream::connect(addr).await.unwrap(), LinesCodec::new());
        let mut bob = Framed::new(TcpStream::connect(addr).await.unwrap(), LinesCodec::new());
        alice.send("SET color blue").await.unwrap();
        assert_eq!(alice.next().await.unwrap().unwrap(), "OK");
        bob.send("GET color").await.unwrap();
        assert_eq!(bob.next().await.unwrap().unwrap(), "VALUE blue");
    }

    #[tokio::test]
    async fn when_the_store_is_gone_a_client_gets_an_error_not_a_panic() {
        let (requests, receiver) = mpsc::channel(QUEUE);
        drop(receiver); // as if the store's task had ended
        let store = Store { requests };
        assert_eq!(execute(&store, "GET color").await, "ERR store unavailable");
    }

    #[tokio::test]
    async fn a_dropped_reply_sender_is_an_error_too() {
        let (requests, mut receiver) = mpsc::channel(QUEUE);
        // A store that takes the request and drops it, reply channel and all.
        tokio::spawn(async move { while receiver.recv().await.is_some() {} });
        let store = Store { requests };
        assert_eq!(
            execute(&store, "SET color blue").await,
            "ERR store unavailable"
        );
    }

    // The queue holds 32 requests. With the store's task not reading (its
    // receiver is held but never polled), the 33rd `send` waits: on the
    // paused clock, it is still waiting after a whole minute.
    #[tokio::test(start_paused = true)]
    async fn a_full_queue_makes_the_next_request_wait() {
        let (requests, _receiver) = mpsc::channel(QUEUE);
        let store = Store { requests };
        for _ in 0..QUEUE {
            let (reply, _) = oneshot::channel();
            let key = String::new();
            store
                .requests
                .send(Request::Get { key, reply })
                .await
                .unwrap();
        }
        let start = Instant::now();
        let waited = timeout(Duration::from_secs(60), store.get("color")).await;
        assert!(waited.is_err(), "the 33rd request must wait for room");
        assert_eq!(start.elapsed(), Duration::from_secs(60));
    }
}
