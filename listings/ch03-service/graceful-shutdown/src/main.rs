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
            // Checked first: once shutdown has begun, no connection is taken.
            biased;
            _ = shutdown.cancelled() => break,
            (socket, _) = accept(&listener) => {
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
    connections.close(); // from now on, `wait` returns once no task is left
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
                return hang_up(&mut lines, "BYE server shutting down").await;
            }
            line = lines.next() => line,
        };
        let line = match line {
            Some(Ok(line)) => line,
            Some(Err(LineError::Io(_))) | None => return,
            Some(Err(bad)) => return hang_up(&mut lines, &format!("ERR {bad}")).await,
        };
        let reply = execute(&db, &line, &mut lines).await;
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
        [] | [""] => Err("ERR empty line".to_string()),
        [other, ..] => Err(format!("ERR unknown command {other:?}")),
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

// ANCHOR: signal
/// The first Ctrl-C starts the shutdown; returns at the second, or at once
/// if Ctrl-C cannot be listened for.
async fn until_second_ctrl_c(shutdown: CancellationToken) -> bool {
    if tokio::signal::ctrl_c().await.is_err() {
        return false;
    }
    shutdown.cancel();
    tokio::signal::ctrl_c().await.is_ok()
}
// ANCHOR_END: signal

// ANCHOR: main
#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let shutdown = CancellationToken::new();

    // Ctrl-C starts the shutdown (so does the script below, without waiting
    // for one); a second Ctrl-C ends the program at once.
    let on_ctrl_c = shutdown.clone();
    tokio::spawn(async move {
        if until_second_ctrl_c(on_ctrl_c).await {
            std::process::exit(130); // the usual status after Ctrl-C
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
    drop(alice); // she closes her side too
    bob.receive().await?; // busy: his request finishes first
    bob.receive().await?;
    bob.receive().await?;
    drop(bob);
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
    use tokio::io::{AsyncReadExt, DuplexStream, duplex};
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

    /// Reads every line until the server closes the connection, then
    /// closes the client's side too, as a well-behaved client does.
    fn read_to_the_end(mut client: Client) -> tokio::task::JoinHandle<Vec<String>> {
        tokio::spawn(async move {
            let mut lines = Vec::new();
            while let Some(line) = client.next().await {
                lines.push(line.unwrap());
            }
            lines
        })
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
        assert_eq!(refused.kind(), io::ErrorKind::ConnectionRefused);
    }

    /// How many times the tests of `biased;` play their scenario. Without
    /// `biased;`, `select!` starts with a branch picked at random, and the
    /// scenario goes wrong half the time: 32 rounds make a test pass by
    /// luck once in 2^32 runs, rather than one in two.
    const ROUNDS: usize = 32;

    // The connection is complete (in the listen backlog) when shutdown
    // begins: both branches of `serve`'s `select!` are ready.
    #[tokio::test]
    async fn once_shutdown_has_begun_no_connection_is_taken() {
        for round in 0..ROUNDS {
            let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
            let _carol = TcpStream::connect(listener.local_addr().unwrap())
                .await
                .unwrap();
            let shutdown = CancellationToken::new();
            shutdown.cancel();
            let connections = serve(listener, Db::default(), shutdown).await;
            assert!(
                connections.is_empty(),
                "round {round}: a connection was taken"
            );
        }
    }

    // The connection is complete (in the listen backlog) when shutdown
    // begins, and has a request waiting; `serve` never accepts it.
    #[tokio::test]
    async fn a_connection_not_yet_accepted_at_shutdown_is_reset() {
        for round in 0..ROUNDS {
            let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
            let mut carol = TcpStream::connect(listener.local_addr().unwrap())
                .await
                .unwrap();
            carol.write_all(b"GET color\n").await.unwrap();
            let shutdown = CancellationToken::new();
            shutdown.cancel();
            let connections = serve(listener, Db::default(), shutdown).await;
            assert!(connections.is_empty(), "round {round}: carol was accepted");
            let error = carol.read(&mut [0; 64]).await.unwrap_err();
            assert_eq!(
                error.kind(),
                io::ErrorKind::ConnectionReset,
                "round {round}"
            );
        }
    }

    #[tokio::test(start_paused = true)]
    async fn an_idle_connection_is_told_bye_at_once() {
        let (connections, shutdown) = (TaskTracker::new(), CancellationToken::new());
        let alice = connect(&connections, &shutdown);
        let start = Instant::now();
        shutdown.cancel();
        let heard = read_to_the_end(alice).await.unwrap();
        assert_eq!(heard, ["BYE server shutting down"]);
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
        let heard = read_to_the_end(bob);
        let start = Instant::now();
        shutdown.cancel();
        assert_eq!(
            wait_for_connections(&connections, Duration::from_secs(5)).await,
            0
        );
        assert_eq!(start.elapsed(), Duration::from_millis(300));
        assert_eq!(heard.await.unwrap(), ["DONE", "BYE server shutting down"]);
    }

    // Bob's line is waiting when shutdown begins: both branches of
    // `handle`'s `select!` are ready.
    #[tokio::test(start_paused = true)]
    async fn a_line_waiting_at_shutdown_starts_no_request() {
        for round in 0..ROUNDS {
            let (connections, shutdown) = (TaskTracker::new(), CancellationToken::new());
            let db = Db::default();
            let (client, server) = duplex(1024);
            connections.spawn(handle(server, Arc::clone(&db), shutdown.clone()));
            let mut bob = Framed::new(client, LinesCodec::new());
            bob.send("SET color red").await.unwrap();
            shutdown.cancel();
            let heard = read_to_the_end(bob).await.unwrap();
            assert_eq!(heard, ["BYE server shutting down"], "round {round}");
            assert!(db.lock().unwrap().is_empty(), "round {round}: SET was run");
        }
    }

    // Bob sends his next request while the first one runs.
    #[tokio::test(start_paused = true)]
    async fn a_request_that_arrives_during_another_is_not_run_once_shutdown_has_begun() {
        for round in 0..ROUNDS {
            let (connections, shutdown) = (TaskTracker::new(), CancellationToken::new());
            let mut bob = connect(&connections, &shutdown);
            bob.send("WORK 300").await.unwrap();
            assert_eq!(next(&mut bob).await, "WORKING");
            bob.send("SET color red").await.unwrap();
            shutdown.cancel();
            let heard = read_to_the_end(bob).await.unwrap();
            assert_eq!(heard, ["DONE", "BYE server shutting down"], "round {round}");
        }
    }

    // Over TCP, on one thread: when the connection's task runs again, the
    // token is already cancelled, and Bob's `GET` is still unread in the
    // server's socket when the connection ends.
    #[tokio::test(flavor = "current_thread")]
    async fn bye_reaches_a_client_that_sent_more_and_the_connection_ends_cleanly() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let shutdown = CancellationToken::new();
        let server = tokio::spawn(serve(listener, Db::default(), shutdown.clone()));
        let mut bob = Framed::new(TcpStream::connect(addr).await.unwrap(), LinesCodec::new());
        bob.send("WORK 50").await.unwrap();
        assert_eq!(bob.next().await.unwrap().unwrap(), "WORKING");
        bob.send("GET color").await.unwrap();
        shutdown.cancel();
        let mut heard = Vec::new();
        while let Some(line) = bob.next().await {
            heard.push(line.map_err(|e| e.to_string()));
        }
        assert_eq!(
            heard,
            [
                Ok("DONE".to_string()),
                Ok("BYE server shutting down".to_string())
            ]
        );
        drop(bob);
        let connections = server.await.unwrap();
        assert_eq!(wait_for_connections(&connections, LINGER).await, 0);
    }

    #[tokio::test(start_paused = true)]
    async fn a_client_that_never_closes_is_let_go_1_s_after_bye() {
        let (connections, shutdown) = (TaskTracker::new(), CancellationToken::new());
        let mut alice = connect(&connections, &shutdown);
        let start = Instant::now();
        shutdown.cancel();
        assert_eq!(next(&mut alice).await, "BYE server shutting down");
        assert!(alice.next().await.is_none());
        // Alice reads on, and never closes her side.
        assert_eq!(
            wait_for_connections(&connections, Duration::from_secs(5)).await,
            0
        );
        assert_eq!(start.elapsed(), LINGER);
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

    /// Sends this process SIGINT, as Ctrl-C in a terminal does.
    #[cfg(unix)]
    fn press_ctrl_c() {
        let pid = std::process::id().to_string();
        let kill = std::process::Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap();
        assert!(kill.success());
    }

    // One thread: `yield_now` lets the spawned task run up to its first
    // `ctrl_c().await`, which installs Tokio's handler for SIGINT before
    // the first signal is sent. (The timeouts only turn a missed signal
    // into a failure.)
    #[cfg(unix)]
    #[tokio::test(flavor = "current_thread")]
    async fn the_first_ctrl_c_starts_the_shutdown_and_the_second_ends_the_wait() {
        let shutdown = CancellationToken::new();
        let signals = tokio::spawn(until_second_ctrl_c(shutdown.clone()));
        tokio::task::yield_now().await;
        press_ctrl_c();
        timeout(Duration::from_secs(5), shutdown.cancelled())
            .await
            .expect("the first Ctrl-C must start the shutdown");
        assert!(!signals.is_finished());
        press_ctrl_c();
        let second = timeout(Duration::from_secs(5), signals)
            .await
            .expect("the second Ctrl-C must end the wait");
        assert!(second.unwrap());
    }
}
