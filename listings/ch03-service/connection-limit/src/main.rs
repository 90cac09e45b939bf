use futures::{SinkExt, StreamExt};
use std::collections::HashMap;
use std::error::Error;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;
use tokio::time::timeout;
use tokio_util::bytes::BytesMut;
use tokio_util::codec::{Decoder, Encoder, Framed, LinesCodec, LinesCodecError};

type Db = Arc<Mutex<HashMap<String, String>>>;

// ANCHOR: serve
/// At most this many clients are served at once.
const MAX_CONNECTIONS: usize = 2;

async fn serve(listener: TcpListener, db: Db) {
    let permits = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    while let Ok((mut socket, _)) = listener.accept().await {
        // A permit per connection; none left means the server is full.
        let Ok(permit) = Arc::clone(&permits).try_acquire_owned() else {
            let _ = socket
                .write_all(b"ERR server full, try again later\n")
                .await;
            continue; // `socket` is dropped here: the connection closes
        };
        let db = Arc::clone(&db);
        tokio::spawn(async move {
            let mut lines = Framed::new(socket, CompleteLines::new());
            handle(&mut lines, &db).await;
            // Free the slot *before* the connection closes (`lines` is
            // dropped after it), so that a client that sees it close can
            // count on the slot being free.
            drop(permit);
        });
    }
}
// ANCHOR_END: serve

// ANCHOR: handle
/// A client that sends nothing for this long is disconnected.
const IDLE_TIMEOUT: Duration = Duration::from_secs(10);

async fn handle<S>(lines: &mut Framed<S, CompleteLines>, db: &Db)
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    loop {
        let line = match timeout(IDLE_TIMEOUT, lines.next()).await {
            Err(_elapsed) => {
                let _ = lines.send("ERR idle for 10 s, closing").await;
                return;
            }
            Ok(None) => return,
            Ok(Some(line)) => line,
        };
        let reply = match line {
            Ok(line) => execute(db, &line),
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
// ANCHOR_END: handle

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
    alice.call("SET seats 2").await?;
    let mut bob = Client::connect("bob", addr).await?;
    bob.call("GET seats").await?;
    let mut carol = Client::connect("carol", addr).await?;
    carol.receive().await?; // full: an error, then the connection closes
    carol.receive().await?;

    // Alice leaves: she closes her side and waits for the server to close its.
    println!("alice closes her side");
    alice.lines.get_mut().shutdown().await?;
    alice.receive().await?;
    let mut dave = Client::connect("dave", addr).await?;
    dave.call("GET seats").await?;
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
    use tokio::io::duplex;
    use tokio::time::{Instant, sleep};

    async fn start() -> SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(serve(listener, Db::default()));
        addr
    }

    async fn client(addr: SocketAddr) -> Framed<TcpStream, LinesCodec> {
        Framed::new(TcpStream::connect(addr).await.unwrap(), LinesCodec::new())
    }

    async fn call<S: AsyncRead + AsyncWrite + Unpin>(
        c: &mut Framed<S, LinesCodec>,
        line: &str,
    ) -> String {
        c.send(line).await.unwrap();
        c.next().await.unwrap().unwrap()
    }

    #[tokio::test]
    async fn a_client_over_the_limit_is_told_so_and_the_others_are_served() {
        let addr = start().await;
        let mut alice = client(addr).await;
        let mut bob = client(addr).await;
        assert_eq!(call(&mut alice, "SET a 1").await, "OK");
        assert_eq!(call(&mut bob, "GET a").await, "VALUE 1");
        let mut carol = client(addr).await;
        assert_eq!(
            carol.next().await.unwrap().unwrap(),
            "ERR server full, try again later"
        );
        assert!(
            carol.next().await.is_none(),
            "carol's connection must be closed"
        );
        assert_eq!(call(&mut alice, "GET a").await, "VALUE 1");
        assert_eq!(call(&mut bob, "GET a").await, "VALUE 1");
    }

    #[tokio::test]
    async fn a_slot_is_free_as_soon_as_its_client_sees_the_connection_close() {
        let addr = start().await;
        let mut alice = client(addr).await;
        let mut bob = client(addr).await;
        assert_eq!(call(&mut alice, "SET a 1").await, "OK");
        assert_eq!(call(&mut bob, "GET a").await, "VALUE 1");
        alice.get_mut().shutdown().await.unwrap();
        assert!(alice.next().await.is_none());
        let mut dave = client(addr).await;
        assert_eq!(call(&mut dave, "GET a").await, "VALUE 1");
    }

    async fn idle_server() -> Framed<tokio::io::DuplexStream, LinesCodec> {
        let (client, server) = duplex(1024);
        tokio::spawn(async move {
            let mut lines = Framed::new(server, CompleteLines::new());
            handle(&mut lines, &Db::default()).await;
        });
        Framed::new(client, LinesCodec::new())
    }

    #[tokio::test(start_paused = true)]
    async fn a_silent_client_is_disconnected_after_exactly_10_s() {
        let mut client = idle_server().await;
        let start = Instant::now();
        assert_eq!(
            client.next().await.unwrap().unwrap(),
            "ERR idle for 10 s, closing"
        );
        assert_eq!(start.elapsed(), IDLE_TIMEOUT);
        assert!(client.next().await.is_none());
    }

    #[tokio::test(start_paused = true)]
    async fn a_client_that_speaks_every_9_s_is_never_disconnected() {
        let mut client = idle_server().await;
        for _ in 0..10 {
            sleep(Duration::from_secs(9)).await;
            assert_eq!(call(&mut client, "GET a").await, "NONE");
        }
    }
}
