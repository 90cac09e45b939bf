use futures::{SinkExt, StreamExt};
use std::collections::HashMap;
use std::error::Error;
use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::broadcast::{self, error::RecvError};
use tokio::time::{Instant, timeout};
use tokio_util::bytes::BytesMut;
use tokio_util::codec::{Decoder, Encoder, Framed, LinesCodec, LinesCodecError};

type Db = Arc<Mutex<HashMap<String, String>>>;

// ANCHOR: shared
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
        let (chat, _) = broadcast::channel(CHAT_CAPACITY);
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
// ANCHOR_END: shared

// ANCHOR: handle
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
        // for everyone. Both futures are cancel safe (see below).
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
        [] | [""] => Err("ERR empty line".to_string()),
        [other, ..] => Err(format!("ERR unknown command {other:?}")),
    }
}

// ANCHOR: execute
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
// ANCHOR_END: execute

// ANCHOR: allowance
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
// ANCHOR_END: allowance

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
    use tokio::io::{DuplexStream, ReadHalf, WriteHalf, duplex};
    use tokio::time::sleep;

    type Reader = Framed<ReadHalf<DuplexStream>, LinesCodec>;

    /// A connection over an in-memory pipe that holds `room` bytes each way:
    /// the raw writing half, and the replies as lines. Waits for the
    /// WELCOME, so the client is subscribed.
    async fn connect_with(
        shared: &Shared,
        name: &str,
        room: usize,
    ) -> (WriteHalf<DuplexStream>, Reader) {
        let (client, server) = duplex(room);
        tokio::spawn(handle(server, shared.clone(), name.to_string()));
        let (read, write) = tokio::io::split(client);
        let mut replies = Framed::new(read, LinesCodec::new());
        assert_eq!(
            replies.next().await.unwrap().unwrap(),
            format!("WELCOME {name}")
        );
        (write, replies)
    }

    async fn connect(shared: &Shared, name: &str) -> (WriteHalf<DuplexStream>, Reader) {
        connect_with(shared, name, 64 * 1024).await
    }

    /// The next reply. (The timeout only turns a missing reply into a
    /// failure, on the paused clock as on the real one.)
    async fn next(replies: &mut Reader) -> String {
        timeout(Duration::from_secs(60), replies.next())
            .await
            .expect("no reply")
            .unwrap()
            .unwrap()
    }

    /// `count` replies, in the order they came.
    async fn take(replies: &mut Reader, count: usize) -> Vec<String> {
        let mut taken = Vec::new();
        for _ in 0..count {
            taken.push(next(replies).await);
        }
        taken
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
            futures::future::join_all(clients.iter_mut().map(|(_, replies)| take(replies, 6)))
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

    // The test sends `CHAT_CAPACITY + 4` messages in a row without giving
    // the connection's task a chance to run: it can keep only the last ones.
    #[tokio::test]
    async fn a_lagging_client_is_told_how_many_messages_it_missed() {
        let shared = Shared::new();
        let (mut write, mut replies) = connect(&shared, "slow").await;
        for i in 0..CHAT_CAPACITY + 4 {
            shared.chat.send(format!("MSG flood: {i}")).unwrap();
        }
        assert_eq!(next(&mut replies).await, "ERR missed 4 messages");
        for i in 4..CHAT_CAPACITY + 4 {
            assert_eq!(next(&mut replies).await, format!("MSG flood: {i}"));
        }
        // Still connected, and served.
        write.write_all(b"GET anything\n").await.unwrap();
        assert_eq!(next(&mut replies).await, "NONE");
    }

    #[tokio::test]
    async fn a_capacity_is_rounded_up_to_a_power_of_two() {
        let (chat, mut receiver) = broadcast::channel(5);
        for n in 1..=10 {
            chat.send(n).unwrap();
        }
        // Room for 8: the 1 and the 2 were overwritten.
        assert_eq!(receiver.recv().await, Err(RecvError::Lagged(2)));
        assert_eq!(receiver.recv().await, Ok(3));
    }

    #[tokio::test]
    async fn once_every_sender_is_gone_a_receiver_reads_what_is_left_then_closed() {
        let (chat, mut receiver) = broadcast::channel(4);
        chat.send(1).unwrap();
        chat.send(2).unwrap();
        drop(chat);
        assert_eq!(receiver.recv().await, Ok(1));
        assert_eq!(receiver.recv().await, Ok(2));
        assert_eq!(receiver.recv().await, Err(RecvError::Closed));
    }

    // The slow client never reads while the messages are sent: its pipe
    // fills, its connection's task waits in `send`, and stops taking
    // messages from the channel. The fast client reads each one.
    #[tokio::test]
    async fn a_client_that_does_not_read_lags_alone() {
        let shared = Shared::new();
        let (mut fast_write, mut fast) = connect(&shared, "fast").await;
        let (_slow_write, mut slow) = connect_with(&shared, "slow", 256).await;
        let total = 3 * CHAT_CAPACITY;
        for i in 0..total {
            shared.chat.send(format!("MSG flood: {i}")).unwrap();
            assert_eq!(next(&mut fast).await, format!("MSG flood: {i}"));
        }
        fast_write.write_all(b"GET anything\n").await.unwrap();
        assert_eq!(
            next(&mut fast).await,
            "NONE",
            "the fast client missed nothing"
        );
        let (mut received, mut missed) = (0, 0);
        while received + missed < total {
            let line = next(&mut slow).await;
            match line.strip_prefix("ERR missed ") {
                Some(n) => missed += n.trim_end_matches(" messages").parse::<usize>().unwrap(),
                None => received += 1,
            }
        }
        assert!(missed > 0, "the slow client lagged, and was told");
        assert_eq!(received + missed, total);
    }

    /// `SAY` lines with these numbers, in one string.
    fn says(numbers: std::ops::RangeInclusive<u32>) -> String {
        numbers.map(|n| format!("SAY {n}\n")).collect()
    }

    #[tokio::test(start_paused = true)]
    async fn a_client_may_say_5_messages_at_once_then_one_every_200_ms() {
        let shared = Shared::new();
        let (mut alice, mut alice_hears) = connect(&shared, "alice").await;
        let (mut bob, mut bob_hears) = connect(&shared, "bob").await;
        // A long silence does not add to the allowance: still 5 at once.
        sleep(Duration::from_secs(10)).await;
        alice.write_all(says(1..=7).as_bytes()).await.unwrap();
        let heard = take(&mut bob_hears, 5).await;
        let expected: Vec<String> = (1..=5).map(|n| format!("MSG alice: {n}")).collect();
        assert_eq!(heard, expected);
        let replies = take(&mut alice_hears, 7).await;
        assert_eq!(replies.iter().filter(|r| *r == "ERR slow down").count(), 2);

        sleep(SAY_EVERY).await;
        alice.write_all(says(8..=9).as_bytes()).await.unwrap();
        assert_eq!(next(&mut bob_hears).await, "MSG alice: 8");
        let replies = take(&mut alice_hears, 2).await;
        assert!(replies.contains(&"ERR slow down".to_string()));
        // Nothing else reached bob: his next line answers his own command.
        bob.write_all(b"GET anything\n").await.unwrap();
        assert_eq!(next(&mut bob_hears).await, "NONE");
    }

    #[tokio::test(start_paused = true)]
    async fn a_flood_of_says_costs_the_other_clients_nothing() {
        let shared = Shared::new();
        let (mut bob, mut bob_hears) = connect(&shared, "bob").await;
        let (mut carol, _carol_hears) = connect(&shared, "carol").await;
        let (mut mallory, mut mallory_hears) = connect(&shared, "mallory").await;
        let flood: String = (0..1000).map(|i| format!("SAY spam {i}\n")).collect();
        mallory.write_all(flood.as_bytes()).await.unwrap();
        carol.write_all(b"SAY hello\n").await.unwrap();

        let mut heard = take(&mut bob_hears, 6).await;
        heard.sort();
        let mut expected: Vec<String> = (0..5).map(|i| format!("MSG mallory: spam {i}")).collect();
        expected.push("MSG carol: hello".to_string());
        expected.sort();
        assert_eq!(
            heard, expected,
            "bob hears carol, and no more of mallory than allowed"
        );
        bob.write_all(b"GET anything\n").await.unwrap();
        assert_eq!(
            next(&mut bob_hears).await,
            "NONE",
            "and nothing else, no gap"
        );

        // Mallory heard the six messages, and one refusal per line refused.
        let replies = take(&mut mallory_hears, 1001).await;
        assert_eq!(
            replies.iter().filter(|r| *r == "ERR slow down").count(),
            995
        );
    }

    // On the paused clock, the sleep ends only when every task is idle: the
    // connection's task has read "SAY hel" and waits for the rest.
    #[tokio::test(start_paused = true)]
    async fn a_half_received_line_survives_a_message_arriving() {
        let shared = Shared::new();
        let (mut write, mut replies) = connect(&shared, "alice").await;
        write.write_all(b"SAY hel").await.unwrap();
        sleep(Duration::from_millis(10)).await;
        shared
            .chat
            .send("MSG bob: interrupting".to_string())
            .unwrap();
        assert_eq!(next(&mut replies).await, "MSG bob: interrupting");
        write.write_all(b"lo\n").await.unwrap();
        assert_eq!(next(&mut replies).await, "MSG alice: hello");
    }
}
