use futures::{SinkExt, StreamExt};
use std::collections::HashMap;
use std::error::Error;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::{sleep, timeout};
use tokio_util::bytes::BytesMut;
use tokio_util::codec::{Decoder, Encoder, Framed, LinesCodec, LinesCodecError};
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

type Db = Arc<Mutex<HashMap<String, String>>>;

// ANCHOR: serve
/// Accepts connections until `shutdown` is cancelled, then stops
/// accepting and returns the tracker of the connections still open.
async fn serve(listener: TcpListener, db: Db, shutdown: CancellationToken) -> TaskTracker {
    let connections = TaskTracker::new();
    loop {
        tokio::select! {
            _ = shutdown.cancelled() => break,
            accepted = listener.accept() => {
                let Ok((socket, _)) = accepted else { continue };
                let (db, shutdown) = (Arc::clone(&db), shutdown.clone());
                connections.spawn(handle(socket, db, shutdown));
            }
        }
    }
    // Dropping the listener closes it: new connections are refused.
    drop(listener);
    connections
}

/// Waits for the open connections to finish, for at most `deadline`.
/// Returns how many were still open when it gave up.
async fn wait_for_connections(connections: &TaskTracker, deadline: Duration) -> usize {
    connections.close(); // no more tasks will be added: `wait` may return
    match timeout(deadline, connections.wait()).await {
        Ok(()) => 0,
        Err(_) => connections.len(),
    }
}
// ANCHOR_END: serve

// ANCHOR: handle
async fn handle<S>(stream: S, db: Db, shutdown: CancellationToken)
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let mut lines = Framed::new(stream, CompleteLines::new());
    loop {
        // Between requests, shutdown wins; a request already started is
        // outside this `select!`, and runs to its end.
        let line = tokio::select! {
            biased;
            _ = shutdown.cancelled() => {
                let _ = lines.send("BYE server shutting down").await;
                return;
            }
            line = lines.next() => line,
        };
        let reply = match line {
            Some(Ok(line)) => execute(&db, &line, &mut lines).await,
            Some(Err(LinesCodecError::MaxLineLengthExceeded)) => {
                let _ = lines
                    .send(format!("ERR line longer than {MAX_LINE} bytes"))
                    .await;
                return;
            }
            Some(Err(LinesCodecError::Io(_))) | None => return,
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
    Work(u64),
}

fn parse(line: &str) -> Result<Command<'_>, String> {
    let words: Vec<&str> = line.splitn(3, ' ').collect();
    match words[..] {
        ["GET", key] => Ok(Command::Get(key)),
        ["SET", key, value] => Ok(Command::Set(key, value)),
        ["WORK", ms] => ms
            .parse()
            .map(Command::Work)
            .map_err(|_| "ERR usage: WORK <ms>".to_string()),
        ["GET", ..] => Err("ERR usage: GET <key>".to_string()),
        ["SET", ..] => Err("ERR usage: SET <key> <value>".to_string()),
        ["WORK", ..] => Err("ERR usage: WORK <ms>".to_string()),
        [other, ..] => Err(format!("ERR unknown command {other:?}")),
        [] => Err("ERR empty line".to_string()),
    }
}

// ANCHOR: execute
/// Runs one command. `WORK <ms>` stands for a slow request: it says
/// `WORKING` at once, works for `ms` milliseconds, then answers `DONE`.
async fn execute<S>(db: &Db, line: &str, lines: &mut Framed<S, CompleteLines>) -> String
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    match parse(line) {
        Ok(Command::Work(ms)) => {
            let _ = lines.send("WORKING").await;
            sleep(Duration::from_millis(ms)).await;
            "DONE".to_string()
        }
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
    let shutdown = CancellationToken::new();

    // Ctrl-C starts the shutdown (so does the script below, without waiting
    // for one).
    let on_ctrl_c = shutdown.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            on_ctrl_c.cancel();
        }
    });
    let server = tokio::spawn({
        let shutdown = shutdown.clone();
        async move {
            let connections = serve(listener, Db::default(), shutdown).await;
            wait_for_connections(&connections, Duration::from_secs(5)).await
        }
    });

    let mut alice = Client::connect("alice", addr).await?;
    alice.call("SET color blue").await?;
    let mut bob = Client::connect("bob", addr).await?;
    bob.call("WORK 200").await?; // WORKING: bob's request is under way

    println!("-- shutdown --");
    shutdown.cancel();
    alice.receive().await?; // idle: told at once
    alice.receive().await?;
    bob.receive().await?; // busy: his request finishes first
    bob.receive().await?;
    bob.receive().await?;
    let cut_off = server.await?;
    println!("server: stopped, {cut_off} connections cut off");
    match TcpStream::connect(addr).await {
        Ok(_) => println!("carol: connected"),
        Err(e) => println!("carol: {:?}", e.kind()),
    }
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
    use tokio::time::Instant;

    type Client = Framed<DuplexStream, LinesCodec>;

    /// A connection over an in-memory pipe, served by a task of `connections`.
    fn connect(connections: &TaskTracker, shutdown: &CancellationToken) -> Client {
        let (client, server) = duplex(1024);
        connections.spawn(handle(server, Db::default(), shutdown.clone()));
        Framed::new(client, LinesCodec::new())
    }

    async fn next(client: &mut Client) -> String {
        client.next().await.unwrap().unwrap()
    }

    #[tokio::test]
    async fn after_shutdown_new_connections_are_refused() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let shutdown = CancellationToken::new();
        let server = tokio::spawn(serve(listener, Db::default(), shutdown.clone()));
        shutdown.cancel();
        let connections = server.await.unwrap();
        assert_eq!(
            wait_for_connections(&connections, Duration::from_secs(5)).await,
            0
        );
        let refused = TcpStream::connect(addr).await.unwrap_err();
        assert_eq!(refused.kind(), std::io::ErrorKind::ConnectionRefused);
    }

    #[tokio::test(start_paused = true)]
    async fn an_idle_connection_is_told_bye_at_once() {
        let (connections, shutdown) = (TaskTracker::new(), CancellationToken::new());
        let mut alice = connect(&connections, &shutdown);
        let start = Instant::now();
        shutdown.cancel();
        assert_eq!(next(&mut alice).await, "BYE server shutting down");
        assert!(alice.next().await.is_none());
        assert_eq!(
            wait_for_connections(&connections, Duration::from_secs(5)).await,
            0
        );
        assert_eq!(start.elapsed(), Duration::ZERO);
    }

    #[tokio::test(start_paused = true)]
    async fn a_request_under_way_finishes_and_shutdown_waits_for_it() {
        let (connections, shutdown) = (TaskTracker::new(), CancellationToken::new());
        let mut bob = connect(&connections, &shutdown);
        bob.send("WORK 300").await.unwrap();
        assert_eq!(next(&mut bob).await, "WORKING");
        let start = Instant::now();
        shutdown.cancel();
        assert_eq!(
            wait_for_connections(&connections, Duration::from_secs(5)).await,
            0
        );
        assert_eq!(start.elapsed(), Duration::from_millis(300));
        assert_eq!(next(&mut bob).await, "DONE");
        assert_eq!(next(&mut bob).await, "BYE server shutting down");
    }

    #[tokio::test(start_paused = true)]
    async fn shutdown_gives_up_on_a_stuck_request_at_the_deadline() {
        let (connections, shutdown) = (TaskTracker::new(), CancellationToken::new());
        let mut stuck = connect(&connections, &shutdown);
        stuck.send("WORK 600000").await.unwrap(); // ten minutes
        assert_eq!(next(&mut stuck).await, "WORKING");
        let start = Instant::now();
        shutdown.cancel();
        let left = wait_for_connections(&connections, Duration::from_secs(5)).await;
        assert_eq!(left, 1);
        assert_eq!(start.elapsed(), Duration::from_secs(5));
    }
}
