use futures::{SinkExt, StreamExt};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Barrier;
use tokio::sync::broadcast::{self, error::RecvError};
use tokio::task::JoinSet;
use tokio_util::bytes::BytesMut;
use tokio_util::codec::{Decoder, Encoder, Framed, LinesCodec, LinesCodecError};

type Db = Arc<Mutex<HashMap<String, String>>>;

/// How many messages the chat keeps for a client that has not read them yet.
const CHAT_CAPACITY: usize = 16;

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
    let mut next_id = 1;
    while let Ok((socket, _)) = listener.accept().await {
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
    if lines.send(format!("WELCOME {name}")).await.is_err() {
        return;
    }
    loop {
        // Whichever comes first: a line from this client, or a message
        // for everyone. Both futures are cancel safe (see below).
        let reply = tokio::select! {
            line = lines.next() => match line {
                Some(Ok(line)) => execute(&shared, &name, &line),
                Some(Err(LinesCodecError::MaxLineLengthExceeded)) => {
                    let _ = lines.send(format!("ERR line longer than {MAX_LINE} bytes")).await;
                    return;
                }
                Some(Err(LinesCodecError::Io(_))) | None => return,
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
        [other, ..] => Err(format!("ERR unknown command {other:?}")),
        [] => Err("ERR empty line".to_string()),
    }
}

/// Runs one command; `None` when the reply comes another way.
fn execute(shared: &Shared, name: &str, line: &str) -> Option<String> {
    let reply = match parse(line) {
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
    let accounted = seen
        .iter()
        .all(|s| s.messages.len() as u64 + s.missed == total);
    println!("every client got or was told it missed each one: {accounted}");
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
        // A chat channel that holds the whole burst: no client can lag.
        let addr = start(clients * count).await;
        let seen = run_clients(addr, clients, count).await.unwrap();
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
        let seen = run_clients(addr, clients, count).await.unwrap();
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
