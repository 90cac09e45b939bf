use futures::{SinkExt, StreamExt};
use std::collections::HashMap;
use std::error::Error;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpListener, TcpStream};
use tokio_util::bytes::BytesMut;
use tokio_util::codec::{Decoder, Encoder, Framed, LinesCodec, LinesCodecError};

// ANCHOR: server
/// The store: one map, shared by every connection's task.
type Db = Arc<Mutex<HashMap<String, String>>>;

async fn serve(listener: TcpListener, db: Db) {
    while let Ok((socket, _)) = listener.accept().await {
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
        let reply = match line {
            Ok(line) => execute(&db, &line),
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
        [other, ..] => Err(format!("ERR unknown command {other:?}")),
        [] => Err("ERR empty line".to_string()),
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
