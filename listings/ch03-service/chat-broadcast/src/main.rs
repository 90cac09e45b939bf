use futures::{SinkExt, StreamExt};
use std::collections::HashMap;
use std::error::Error;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::broadcast::{self, error::RecvError};
use tokio_util::bytes::BytesMut;
use tokio_util::codec::{Decoder, Encoder, Framed, LinesCodec, LinesCodecError};

type Db = Arc<Mutex<HashMap<String, String>>>;

// ANCHOR: shared
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
        let (chat, _) = broadcast::channel(CHAT_CAPACITY);
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
// ANCHOR_END: shared

// ANCHOR: handle
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
// ANCHOR_END: handle

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

// ANCHOR: execute
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
    tokio::spawn(serve(listener, Shared::new()));

    let mut alice = Client::connect("alice", addr).await?;
    alice.receive().await?; // WELCOME: from now on, alice hears the chat
    let mut bob = Client::connect("bob", addr).await?;
    bob.receive().await?;

    alice.send("SAY hello, bob").await?;
    alice.receive().await?;
    bob.receive().await?;
    bob.call("SET mood cheerful").await?;
    bob.send("SAY my mood is set").await?;
    alice.receive().await?;
    bob.receive().await?;
    alice.call("GET mood").await?;
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
    use tokio::io::{AsyncWriteExt, DuplexStream, ReadHalf, WriteHalf, duplex};

    type Reader = Framed<ReadHalf<DuplexStream>, LinesCodec>;

    /// A connection over an in-memory pipe: the raw writing half, and the
    /// replies as lines. Waits for the WELCOME, so the client is subscribed.
    async fn connect(shared: &Shared, name: &str) -> (WriteHalf<DuplexStream>, Reader) {
        let (client, server) = duplex(64 * 1024);
        tokio::spawn(handle(server, shared.clone(), name.to_string()));
        let (read, write) = tokio::io::split(client);
        let mut replies = Framed::new(read, LinesCodec::new());
        assert_eq!(
            replies.next().await.unwrap().unwrap(),
            format!("WELCOME {name}")
        );
        (write, replies)
    }

    async fn next(replies: &mut Reader) -> String {
        replies.next().await.unwrap().unwrap()
    }

    #[tokio::test]
    async fn every_client_hears_every_message_in_order() {
        let shared = Shared::new();
        let mut clients = Vec::new();
        for name in ["a", "b", "c"] {
            clients.push(connect(&shared, name).await);
        }
        for (i, (write, _)) in clients.iter_mut().enumerate() {
            write
                .write_all(format!("SAY one from {i}\nSAY two from {i}\n").as_bytes())
                .await
                .unwrap();
        }
        let heard: Vec<Vec<String>> =
            futures::future::join_all(clients.iter_mut().map(|(_, replies)| async move {
                let mut heard = Vec::new();
                for _ in 0..6 {
                    heard.push(next(replies).await);
                }
                heard
            }))
            .await;
        for messages in &heard {
            assert_eq!(
                messages, &heard[0],
                "every client hears the same, in the same order"
            );
        }
        for (i, name) in ["a", "b", "c"].iter().enumerate() {
            let first = heard[0]
                .iter()
                .position(|m| *m == format!("MSG {name}: one from {i}"));
            let second = heard[0]
                .iter()
                .position(|m| *m == format!("MSG {name}: two from {i}"));
            assert!(first.unwrap() < second.unwrap());
        }
    }

    // The test sends 20 messages in a row without giving the connection's
    // task a chance to run: it can keep only the last 16.
    #[tokio::test]
    async fn a_lagging_client_is_told_how_many_messages_it_missed() {
        let shared = Shared::new();
        let (mut write, mut replies) = connect(&shared, "slow").await;
        for i in 0..20 {
            shared.chat.send(format!("MSG flood: {i}")).unwrap();
        }
        assert_eq!(next(&mut replies).await, "ERR missed 4 messages");
        for i in 4..20 {
            assert_eq!(next(&mut replies).await, format!("MSG flood: {i}"));
        }
        // Still connected, and served.
        write.write_all(b"GET anything\n").await.unwrap();
        assert_eq!(next(&mut replies).await, "NONE");
    }

    // On the paused clock, the sleep ends only when every task is idle: the
    // connection's task has read "SAY hel" and waits for the rest.
    #[tokio::test(start_paused = true)]
    async fn a_half_received_line_survives_a_message_arriving() {
        let shared = Shared::new();
        let (mut write, mut replies) = connect(&shared, "alice").await;
        write.write_all(b"SAY hel").await.unwrap();
        tokio::time::sleep(Duration::from_millis(10)).await;
        shared
            .chat
            .send("MSG bob: interrupting".to_string())
            .unwrap();
        assert_eq!(next(&mut replies).await, "MSG bob: interrupting");
        write.write_all(b"lo\n").await.unwrap();
        assert_eq!(next(&mut replies).await, "MSG alice: hello");
    }
}
