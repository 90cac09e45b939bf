use futures::{SinkExt, StreamExt};
use std::collections::HashMap;
use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Barrier;
use tokio::sync::broadcast::{self, error::RecvError};
use tokio::task::JoinSet;
use tokio::time::{Instant, timeout};
use tokio_util::bytes::BytesMut;
use tokio_util::codec::{Decoder, Encoder, Framed, LinesCodec, LinesCodecError};

type Db = Arc<Mutex<HashMap<String, String>>>;

/// How many messages the chat keeps for a client that has not read them yet.
const CHAT_CAPACITY: usize = 128;

/// What every connection shares: the store, and the chat's sending side.
#[derive(Clone)]
struct Shared {
    db: Db,
    chat: broadcast::Sender<String>,
}

impl Shared {
    fn new() -> Shared {
        Shared::with_capacity(CHAT_CAPACITY)
    }

    fn with_capacity(capacity: usize) -> Shared {
        let (chat, _) = broadcast::channel(capacity);
        Shared {
            db: Db::default(),
            chat,
        }
    }
}

async fn serve(listener: TcpListener, shared: Shared) {
    let mut next_id: u64 = 1;
    loop {
        let (socket, _) = accept(&listener).await;
        let name = format!("guest{next_id}");
        next_id += 1;
        tokio::spawn(handle(socket, shared.clone(), name));
    }
}

async fn handle<S>(stream: S, shared: Shared, name: String)
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let mut lines = Framed::new(stream, CompleteLines::new());
    // Subscribe first: every message sent from now on is kept for us.
    let mut chat = shared.chat.subscribe();
    let mut allowance = Allowance::new();
    if lines.send(format!("WELCOME {name}")).await.is_err() {
        return;
    }
    loop {
        // Whichever comes first: a line from this client, or a message
        // for everyone. Both futures are cancel safe.
        let reply = tokio::select! {
            line = lines.next() => match line {
                Some(Ok(line)) => execute(&shared, &name, &mut allowance, &line),
                Some(Err(LineError::Io(_))) | None => return,
                Some(Err(bad)) => return hang_up(&mut lines, &format!("ERR {bad}")).await,
            },
            message = chat.recv() => match message {
                Ok(message) => Some(message),
                Err(RecvError::Lagged(missed)) => Some(format!("ERR missed {missed} messages")),
                Err(RecvError::Closed) => return,
            },
        };
        let Some(reply) = reply else { continue };
        if lines.send(reply).await.is_err() {
            return;
        }
    }
}

enum Command<'a> {
    Get(&'a str),
    Set(&'a str, &'a str),
    Say(&'a str),
}

fn parse(line: &str) -> Result<Command<'_>, String> {
    if let Some(text) = line.strip_prefix("SAY ") {
        return Ok(Command::Say(text));
    }
    let words: Vec<&str> = line.splitn(3, ' ').collect();
    match words[..] {
        ["GET", key] => Ok(Command::Get(key)),
        ["SET", key, value] => Ok(Command::Set(key, value)),
        ["GET", ..] => Err("ERR usage: GET <key>".to_string()),
        ["SET", ..] => Err("ERR usage: SET <key> <value>".to_string()),
        ["SAY", ..] => Err("ERR usage: SAY <text>".to_string()),
        [] | [""] => Err("ERR empty line".to_string()),
        [other, ..] => Err(format!("ERR unknown command {other:?}")),
    }
}

/// Runs one command; `None` when the reply comes another way.
fn execute(shared: &Shared, name: &str, allowance: &mut Allowance, line: &str) -> Option<String> {
    let reply = match parse(line) {
        Ok(Command::Say(_)) if !allowance.take() => "ERR slow down".to_string(),
        Ok(Command::Say(text)) => {
            // Everyone hears it, the speaker too, through the channel.
            let _ = shared.chat.send(format!("MSG {name}: {text}"));
            return None;
        }
        Ok(Command::Get(key)) => match shared.db.lock().unwrap().get(key) {
            Some(value) => format!("VALUE {value}"),
            None => "NONE".to_string(),
        },
        Ok(Command::Set(key, value)) => {
            let mut db = shared.db.lock().unwrap();
            db.insert(key.to_string(), value.to_string());
            "OK".to_string()
        }
        Err(reply) => reply,
    };
    Some(reply)
}

/// How much a client may say: `SAY_BURST` messages at once, then one every
/// `SAY_EVERY`, five a second.
const SAY_BURST: u32 = 5;
const SAY_EVERY: Duration = Duration::from_millis(200);

/// A client's allowance to speak, kept as the time at which it will be
/// whole again. Each message moves that time `SAY_EVERY` later; a message
/// that would move it more than `SAY_BURST` messages' worth ahead of now is
/// refused (and moves nothing).
struct Allowance {
    whole_at: Instant,
}

impl Allowance {
    fn new() -> Allowance {
        Allowance {
            whole_at: Instant::now(),
        }
    }

    /// Takes one message's worth of the allowance; `false` if none is left.
    fn take(&mut self) -> bool {
        let now = Instant::now();
        let whole_at = self.whole_at.max(now) + SAY_EVERY;
        if whole_at - now > SAY_EVERY * SAY_BURST {
            return false;
        }
        self.whole_at = whole_at;
        true
    }
}

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

/// An error a client can send back from its task.
type Error = Box<dyn std::error::Error + Send + Sync>;

// ANCHOR: client
/// What one scripted client saw.
#[derive(Debug, Default)]
struct Seen {
    /// Its `SET`s that were answered `OK`.
    answered: usize,
    /// The chat messages it received, as `<client>:<number>`.
    messages: Vec<String>,
    /// How many messages the server said it missed.
    missed: u64,
}

/// Client `id` of `clients`: waits until all have joined, then says
/// `count` messages and sets a key after each, and reads until every
/// message sent by anyone is accounted for.
async fn chat_client(
    addr: SocketAddr,
    id: usize,
    clients: usize,
    count: usize,
    all_joined: Arc<Barrier>,
) -> Result<Seen, Error> {
    let mut lines = Framed::new(TcpStream::connect(addr).await?, LinesCodec::new());
    lines.next().await.ok_or("no WELCOME")??; // subscribed from here on
    all_joined.wait().await;
    for n in 0..count {
        lines.send(format!("SAY {id}:{n}")).await?;
        lines.send(format!("SET key{id}-{n} {n}")).await?;
    }
    let total = (clients * count) as u64;
    let mut seen = Seen::default();
    while seen.answered < count || seen.messages.len() as u64 + seen.missed < total {
        let line = lines.next().await.ok_or("connection closed")??;
        if line == "OK" {
            seen.answered += 1;
        } else if let Some((_, text)) = line.strip_prefix("MSG ").and_then(|m| m.split_once(": ")) {
            seen.messages.push(text.to_string());
        } else if let Some(n) = line.strip_prefix("ERR missed ") {
            seen.missed += n.trim_end_matches(" messages").parse::<u64>()?;
        } else {
            return Err(format!("unexpected reply {line:?}").into());
        }
    }
    Ok(seen)
}

/// Runs `clients` clients at once; what each saw, in client order.
async fn run_clients(addr: SocketAddr, clients: usize, count: usize) -> Result<Vec<Seen>, Error> {
    let all_joined = Arc::new(Barrier::new(clients));
    let mut tasks = JoinSet::new();
    for id in 0..clients {
        let all_joined = Arc::clone(&all_joined);
        tasks.spawn(async move { (id, chat_client(addr, id, clients, count, all_joined).await) });
    }
    let mut seen: Vec<(usize, Seen)> = Vec::new();
    while let Some(done) = tasks.join_next().await {
        let (id, result) = done?;
        seen.push((id, result?));
    }
    seen.sort_by_key(|(id, _)| *id);
    Ok(seen.into_iter().map(|(_, seen)| seen).collect())
}
// ANCHOR_END: client

/// The messages a client received more than once.
fn duplicates(seen: &Seen) -> usize {
    let unique: std::collections::HashSet<&String> = seen.messages.iter().collect();
    seen.messages.len() - unique.len()
}

// ANCHOR: main
#[tokio::main]
async fn main() -> Result<(), Error> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(serve(listener, Shared::new()));

    let (clients, count) = (20, 5);
    let seen = run_clients(addr, clients, count).await?;
    let total = (clients * count) as u64;
    println!("{clients} clients said {count} messages each: {total} in all");
    let all = seen.iter().all(|s| s.messages.len() as u64 == total);
    println!("every client received all {total}: {all}");
    let missed: u64 = seen.iter().map(|s| s.missed).sum();
    println!("messages reported missed: {missed}");
    let twice: usize = seen.iter().map(duplicates).sum();
    println!("messages received twice: {twice}");
    let answered: usize = seen.iter().map(|s| s.answered).sum();
    println!("SETs answered: {answered} of {total}");
    Ok(())
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    async fn start(capacity: usize) -> SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(serve(listener, Shared::with_capacity(capacity)));
        addr
    }

    /// `run_clients`, with a limit: a message lost would leave its clients
    /// waiting for ever, and the test with them. (The answer comes long
    /// before; the timeout only turns a hang into a failure.)
    async fn run(addr: SocketAddr, clients: usize, count: usize) -> Vec<Seen> {
        tokio::time::timeout(Duration::from_secs(10), run_clients(addr, clients, count))
            .await
            .expect("a client is still waiting after 10 s: a message was lost")
            .unwrap()
    }

    /// Each client's messages, in the order another client received them.
    fn numbers_from(seen: &Seen, client: usize) -> Vec<usize> {
        let prefix = format!("{client}:");
        seen.messages
            .iter()
            .filter_map(|m| m.strip_prefix(&prefix)?.parse().ok())
            .collect()
    }

    // ANCHOR: test
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn many_clients_lose_nothing_get_nothing_twice_and_are_all_answered() {
        let (clients, count) = (20, 5);
        // The service as it ships. Each client says no more than it may say
        // at once, and all of them together less than the channel holds:
        // no client can lag, however the runtime schedules the tasks.
        assert!(count <= SAY_BURST as usize && clients * count < CHAT_CAPACITY);
        let addr = start(CHAT_CAPACITY).await;
        let seen = run(addr, clients, count).await;
        for client in &seen {
            assert_eq!(client.answered, count, "every SET is answered");
            assert_eq!(client.missed, 0);
            assert_eq!(client.messages.len(), clients * count, "no message lost");
            assert_eq!(duplicates(client), 0, "no message twice");
            for sender in 0..clients {
                let numbers = numbers_from(client, sender);
                assert_eq!(numbers, (0..count).collect::<Vec<_>>(), "in the order sent");
            }
        }
    }
    // ANCHOR_END: test

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn with_a_small_channel_every_lost_message_is_reported() {
        let (clients, count) = (20, 5);
        let addr = start(4).await;
        let seen = run(addr, clients, count).await;
        for client in &seen {
            assert_eq!(client.answered, count, "every SET is answered");
            let received = client.messages.len() as u64;
            assert_eq!(received + client.missed, (clients * count) as u64);
            assert_eq!(duplicates(client), 0, "no message twice");
            for sender in 0..clients {
                let numbers = numbers_from(client, sender);
                assert!(numbers.is_sorted(), "in the order sent, with gaps");
            }
        }
    }
}
