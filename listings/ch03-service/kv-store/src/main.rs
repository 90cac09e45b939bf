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
use tokio::time::timeout;
use tokio_util::bytes::BytesMut;
use tokio_util::codec::{Decoder, Encoder, Framed, LinesCodec, LinesCodecError};

// ANCHOR: server
/// The store: one map, shared by every connection's task.
type Db = Arc<Mutex<HashMap<String, String>>>;

async fn serve(listener: TcpListener, db: Db) {
    loop {
        let (socket, _) = accept(&listener).await;
        let db = Arc::clone(&db); // one more handle to the same map
        tokio::spawn(handle(socket, db));
    }
}

async fn handle<S>(stream: S, db: Db)
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
        if lines.send(execute(&db, &line)).await.is_err() {
            return;
        }
    }
}
// ANCHOR_END: server

// ANCHOR: execute
enum Command<'a> {
    Get(&'a str),
    Set(&'a str, &'a str),
}

/// Parses a line; the error is the reply that says what is wrong with it.
fn parse(line: &str) -> Result<Command<'_>, String> {
    let words: Vec<&str> = line.splitn(3, ' ').collect();
    match words[..] {
        ["GET", key] => Ok(Command::Get(key)),
        ["SET", key, value] => Ok(Command::Set(key, value)),
        ["GET", ..] => Err("ERR usage: GET <key>".to_string()),
        ["SET", ..] => Err("ERR usage: SET <key> <value>".to_string()),
        // `splitn` yields at least one word: `[""]` for an empty line.
        [] | [""] => Err("ERR empty line".to_string()),
        [other, ..] => Err(format!("ERR unknown command {other:?}")),
    }
}

/// Runs one command against the store. A plain `fn`, not an `async fn`:
/// each lock is taken and released inside it, so no guard can live
/// across an `.await`.
fn execute(db: &Db, line: &str) -> String {
    match parse(line) {
        Ok(Command::Get(key)) => match db.lock().unwrap().get(key) {
            Some(value) => format!("VALUE {value}"),
            None => "NONE".to_string(),
        },
        Ok(Command::Set(key, value)) => {
            db.lock()
                .unwrap()
                .insert(key.to_string(), value.to_string());
            "OK".to_string()
        }
        Err(reply) => reply,
    }
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
    tokio::spawn(serve(listener, Db::default()));

    let mut alice = Client::connect("alice", addr).await?;
    let mut bob = Client::connect("bob", addr).await?;
    alice.call("SET color blue").await?;
    bob.call("GET color").await?;
    bob.call("GET size").await?;
    bob.call("DEL color").await?;
    bob.call("SET color").await?;
    bob.call("SET color green").await?;
    alice.call("GET color").await?;
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

    async fn start() -> SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(serve(listener, Db::default()));
        addr
    }

    async fn client(addr: SocketAddr) -> Framed<TcpStream, LinesCodec> {
        Framed::new(TcpStream::connect(addr).await.unwrap(), LinesCodec::new())
    }

    async fn call(client: &mut Framed<TcpStream, LinesCodec>, line: &str) -> String {
        client.send(line).await.unwrap();
        client.next().await.unwrap().unwrap()
    }

    #[tokio::test]
    async fn a_value_set_by_one_client_is_seen_by_another() {
        let addr = start().await;
        let (mut alice, mut bob) = (client(addr).await, client(addr).await);
        assert_eq!(call(&mut alice, "SET color blue").await, "OK");
        assert_eq!(call(&mut bob, "GET color").await, "VALUE blue");
    }

    #[tokio::test]
    async fn a_value_may_contain_spaces() {
        let addr = start().await;
        let mut alice = client(addr).await;
        assert_eq!(call(&mut alice, "SET motto carpe diem").await, "OK");
        assert_eq!(call(&mut alice, "GET motto").await, "VALUE carpe diem");
    }

    #[test]
    fn splitn_gives_one_empty_word_for_an_empty_line() {
        assert_eq!("".splitn(3, ' ').collect::<Vec<_>>(), [""]);
    }

    #[tokio::test]
    async fn an_invalid_command_gets_an_error_and_the_connection_stays_open() {
        let addr = start().await;
        let mut bob = client(addr).await;
        assert_eq!(
            call(&mut bob, "DEL color").await,
            "ERR unknown command \"DEL\""
        );
        assert_eq!(
            call(&mut bob, "SET color").await,
            "ERR usage: SET <key> <value>"
        );
        assert_eq!(call(&mut bob, "").await, "ERR empty line");
        assert_eq!(call(&mut bob, "GET color").await, "NONE");
    }

    // Many clients on a multi-threaded runtime, setting keys at once: every
    // write lands, none overwrites another's.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_sets_from_many_clients_all_land() {
        let addr = start().await;
        let mut tasks = tokio::task::JoinSet::new();
        for c in 0..10 {
            tasks.spawn(async move {
                let mut me = client(addr).await;
                for k in 0..20 {
                    assert_eq!(call(&mut me, &format!("SET k{c}-{k} {k}")).await, "OK");
                }
            });
        }
        tasks.join_all().await;
        let mut check = client(addr).await;
        for c in 0..10 {
            for k in 0..20 {
                assert_eq!(
                    call(&mut check, &format!("GET k{c}-{k}")).await,
                    format!("VALUE {k}")
                );
            }
        }
    }
}
