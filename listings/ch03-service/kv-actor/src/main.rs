use futures::{SinkExt, StreamExt};
use std::collections::HashMap;
use std::error::Error;
use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{mpsc, oneshot};
use tokio::time::timeout;
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
    loop {
        let (socket, _) = accept(&listener).await;
        tokio::spawn(handle(socket, store.clone()));
    }
}

async fn handle<S>(stream: S, store: Store)
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let mut lines = Framed::new(stream, CompleteLines::new());
    while let Some(line) = lines.next().await {
        let line = match line {
            Ok(line) => line,
            Err(LineError::Io(_)) => return,
            Err(bad) => return hang_up(&mut lines, &format!("ERR {bad}")).await,
        };
        let reply = execute(&store, &line).await;
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
        [] | [""] => Err("ERR empty line".to_string()),
        [other, ..] => Err(format!("ERR unknown command {other:?}")),
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

/// Why what a client sent is not a line the server can run (see "Framing").
#[derive(Debug)]
enum LineError {
    TooLong,
    NotUtf8,
    Unfinished,
    Io(io::Error),
}

/// `LinesCodec` with a length limit, which tells apart the ways a client's
/// bytes can fail to be a line, and takes no unfinished line for a command.
struct CompleteLines(LinesCodec);

impl CompleteLines {
    fn new() -> Self {
        CompleteLines(LinesCodec::new_with_max_length(MAX_LINE))
    }
}

impl Decoder for CompleteLines {
    type Item = String;
    type Error = LineError;

    fn decode(&mut self, buf: &mut BytesMut) -> Result<Option<String>, LineError> {
        self.0.decode(buf).map_err(|error| match error {
            LinesCodecError::MaxLineLengthExceeded => LineError::TooLong,
            LinesCodecError::Io(_) => LineError::NotUtf8,
        })
    }

    fn decode_eof(&mut self, buf: &mut BytesMut) -> Result<Option<String>, LineError> {
        match self.decode(buf)? {
            None if !buf.is_empty() => Err(LineError::Unfinished),
            line => Ok(line),
        }
    }
}

impl<T: AsRef<str>> Encoder<T> for CompleteLines {
    type Error = LinesCodecError;

    fn encode(&mut self, line: T, buf: &mut BytesMut) -> Result<(), LinesCodecError> {
        self.0.encode(line, buf)
    }
}

impl From<io::Error> for LineError {
    fn from(error: io::Error) -> Self {
        LineError::Io(error)
    }
}

impl fmt::Display for LineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LineError::TooLong => write!(f, "line longer than {MAX_LINE} bytes"),
            LineError::NotUtf8 => write!(f, "line is not UTF-8"),
            LineError::Unfinished => write!(f, "unfinished line"),
            LineError::Io(error) => write!(f, "{error}"),
        }
    }
}

/// How long a connection that the server is closing may take to read its
/// last line and close its own side.
const LINGER: Duration = Duration::from_secs(1);

/// Closes a connection without losing its last line (see "Framing").
async fn hang_up<S>(lines: &mut Framed<S, CompleteLines>, last: &str)
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let goodbye = async {
        lines.send(last).await?;
        let stream = lines.get_mut();
        stream.shutdown().await?;
        tokio::io::copy(stream, &mut tokio::io::sink()).await?;
        Ok::<_, LinesCodecError>(())
    };
    let _ = timeout(LINGER, goodbye).await;
}

/// Waits for the next connection, whatever `accept` fails with meanwhile
/// (see "The Accept Loop").
async fn accept(listener: &TcpListener) -> (TcpStream, SocketAddr) {
    loop {
        match listener.accept().await {
            Ok(connection) => return connection,
            Err(e) => after_accept_error(&e).await,
        }
    }
}

/// How long to wait before accepting again after an error that is not
/// about one connection.
const ACCEPT_RETRY: Duration = Duration::from_secs(1);

/// An error about the one connection being accepted is no reason to wait;
/// any other (no file descriptor left, say) is reported, and waited out.
async fn after_accept_error(e: &io::Error) {
    use io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    if matches!(
        e.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset
    ) {
        return;
    }
    eprintln!("accept failed: {e}; trying again in {ACCEPT_RETRY:?}");
    tokio::time::sleep(ACCEPT_RETRY).await;
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
    use tokio::io::{DuplexStream, duplex};

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

    /// A connection to `store` over an in-memory pipe.
    fn connect(store: Store) -> Framed<DuplexStream, LinesCodec> {
        let (client, server) = duplex(1024);
        tokio::spawn(handle(server, store));
        Framed::new(client, LinesCodec::new())
    }

    async fn call(client: &mut Framed<DuplexStream, LinesCodec>, line: &str) -> String {
        client.send(line).await.unwrap();
        client.next().await.unwrap().unwrap()
    }

    #[tokio::test]
    async fn when_the_store_is_gone_every_command_gets_an_error_and_the_connection_stays_open() {
        let (requests, receiver) = mpsc::channel(QUEUE);
        drop(receiver); // as if the store's task had ended
        let mut client = connect(Store { requests });
        assert_eq!(
            call(&mut client, "GET color").await,
            "ERR store unavailable"
        );
        assert_eq!(
            call(&mut client, "SET color red").await,
            "ERR store unavailable"
        );
        assert_eq!(
            call(&mut client, "DEL color").await,
            "ERR unknown command \"DEL\""
        );
    }

    #[tokio::test]
    async fn a_dropped_reply_sender_is_an_error_too() {
        let (requests, mut receiver) = mpsc::channel(QUEUE);
        // A store that takes each request and drops it, reply channel and all.
        tokio::spawn(async move { while receiver.recv().await.is_some() {} });
        let mut client = connect(Store { requests });
        assert_eq!(
            call(&mut client, "SET color blue").await,
            "ERR store unavailable"
        );
        assert_eq!(
            call(&mut client, "GET color").await,
            "ERR store unavailable"
        );
    }

    // The store's task takes no request (its receiver is held, never
    // polled), so the connection waits for its first answer and reads
    // nothing more: the pipe, 64 bytes each way, fills up, and the client's
    // write of 1,000 commands is still waiting a minute later.
    #[tokio::test(start_paused = true)]
    async fn when_the_store_falls_behind_the_clients_writes_wait_too() {
        let (requests, _receiver) = mpsc::channel(QUEUE);
        let (mut client, server) = duplex(64);
        tokio::spawn(handle(server, Store { requests }));
        let commands = "GET color\n".repeat(1000);
        let written = timeout(
            Duration::from_secs(60),
            client.write_all(commands.as_bytes()),
        )
        .await;
        assert!(written.is_err(), "the client's write must wait");
    }

    fn request() -> Request {
        let (reply, _) = oneshot::channel();
        Request::Get {
            key: String::new(),
            reply,
        }
    }

    // The queue holds 32 requests, and the store's task is not taking any
    // (its receiver is held, never polled): on the paused clock, the 33rd
    // `send` is still waiting a minute later. Once the store takes one, the
    // same `send` goes through at once.
    #[tokio::test(start_paused = true)]
    async fn a_full_queue_makes_the_next_send_wait_until_the_store_takes_a_request() {
        assert_eq!(Store::start().requests.max_capacity(), QUEUE);
        let (requests, mut receiver) = mpsc::channel(QUEUE);
        for _ in 0..QUEUE {
            requests.send(request()).await.unwrap();
        }
        let waited = timeout(Duration::from_secs(60), requests.send(request())).await;
        assert!(waited.is_err(), "the 33rd request must wait for room");
        receiver.recv().await.unwrap();
        let sent = timeout(Duration::ZERO, requests.send(request())).await;
        assert!(
            matches!(sent, Ok(Ok(()))),
            "room for one: the send goes through"
        );
    }
}
