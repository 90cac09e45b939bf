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
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::timeout;
use tokio_util::bytes::BytesMut;
use tokio_util::codec::{Decoder, Encoder, Framed, LinesCodec, LinesCodecError};

type Db = Arc<Mutex<HashMap<String, String>>>;

// ANCHOR: serve
/// At most this many clients are served at once.
const MAX_CONNECTIONS: usize = 2;

async fn serve(listener: TcpListener, db: Db) {
    let permits = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let (socket, _) = accept(&listener).await;
        // A permit per connection; none left means the server is full.
        let Ok(permit) = Arc::clone(&permits).try_acquire_owned() else {
            // In a task of its own, since closing cleanly takes a moment.
            tokio::spawn(refuse(socket));
            continue;
        };
        tokio::spawn(connection(socket, permit, Arc::clone(&db)));
    }
}

/// Tells a client that the server is full, and closes its connection.
async fn refuse<S>(stream: S)
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let mut lines = Framed::new(stream, CompleteLines::new());
    hang_up(&mut lines, "ERR server full, try again later").await;
}

/// Serves one client, holding one of the permits.
async fn connection<S>(stream: S, permit: OwnedSemaphorePermit, db: Db)
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let mut lines = Framed::new(stream, CompleteLines::new());
    handle(&mut lines, &db).await;
    // Give the slot back before the socket is closed (dropping `lines`
    // closes it): a client that has closed its side, and then seen the
    // server close its own, finds its slot free.
    drop(permit);
    drop(lines);
}
// ANCHOR_END: serve

// ANCHOR: handle
/// How long the server waits for a client's next line.
const IDLE_TIMEOUT: Duration = Duration::from_secs(10);
/// How long the server waits for a client to take a reply.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);

async fn handle<S>(lines: &mut Framed<S, CompleteLines>, db: &Db)
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    loop {
        let line = match timeout(IDLE_TIMEOUT, lines.next()).await {
            Ok(Some(Ok(line))) => line,
            Ok(Some(Err(LineError::Io(_)))) | Ok(None) => return,
            Ok(Some(Err(bad))) => return hang_up(lines, &format!("ERR {bad}")).await,
            Err(_elapsed) => return hang_up(lines, "ERR no command in 10 s, closing").await,
        };
        let reply = execute(db, &line);
        // A client that does not read its replies fills the connection's
        // buffers, and `send` waits for room: not for ever.
        match timeout(WRITE_TIMEOUT, lines.send(reply)).await {
            Ok(Ok(())) => {}
            Ok(Err(_)) | Err(_) => return,
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
        [] | [""] => Err("ERR empty line".to_string()),
        [other, ..] => Err(format!("ERR unknown command {other:?}")),
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
    alice.call("SET seats 2").await?;
    let mut bob = Client::connect("bob", addr).await?;
    bob.call("GET seats").await?;
    // Carol finds the server full: an error, then the end of the connection.
    let mut carol = Client::connect("carol", addr).await?;
    carol.call("GET seats").await?;
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
    use std::pin::Pin;
    use std::task::{Context, Poll};
    use tokio::io::{DuplexStream, ReadBuf, duplex};
    use tokio::net::TcpSocket;
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

    // Carol sends her command before she reads anything, as most clients
    // do: it is still unread when the server closes her connection.
    #[tokio::test]
    async fn a_client_over_the_limit_is_told_so_and_the_others_are_served() {
        let addr = start().await;
        let mut alice = client(addr).await;
        let mut bob = client(addr).await;
        assert_eq!(call(&mut alice, "SET a 1").await, "OK");
        assert_eq!(call(&mut bob, "GET a").await, "VALUE 1");
        let mut carol = client(addr).await;
        assert_eq!(
            call(&mut carol, "GET a").await,
            "ERR server full, try again later"
        );
        let end = carol.next().await;
        assert!(
            end.is_none(),
            "carol's connection must end cleanly, not with a reset: got {end:?}"
        );
        assert_eq!(call(&mut alice, "GET a").await, "VALUE 1");
        assert_eq!(call(&mut bob, "GET a").await, "VALUE 1");
    }

    // Carol reads the refusal and the end of the stream, and never closes
    // her side: the task lets go of her, and drops the socket, at `LINGER`.
    #[tokio::test(start_paused = true)]
    async fn a_refusal_holds_its_task_and_socket_for_1_s_at_most() {
        let (carol, server) = duplex(1024);
        let start = Instant::now();
        let refusal = tokio::spawn(refuse(server));
        let mut carol = Framed::new(carol, LinesCodec::new());
        assert_eq!(
            carol.next().await.unwrap().unwrap(),
            "ERR server full, try again later"
        );
        assert!(carol.next().await.is_none(), "the end of the stream");
        timeout(Duration::from_secs(3600), refusal)
            .await
            .expect("the refusal must let go of carol")
            .unwrap();
        assert_eq!(start.elapsed(), LINGER);
        drop(carol); // open until the server has let go
    }

    /// A stream that notes, when it is dropped (the connection closes), how
    /// many permits the semaphore has.
    struct NotesPermitsOnDrop {
        stream: DuplexStream,
        permits: Arc<Semaphore>,
        seen: Arc<Mutex<Option<usize>>>,
    }

    impl Drop for NotesPermitsOnDrop {
        fn drop(&mut self) {
            *self.seen.lock().unwrap() = Some(self.permits.available_permits());
        }
    }

    impl AsyncRead for NotesPermitsOnDrop {
        fn poll_read(
            self: Pin<&mut Self>,
            cx: &mut Context<'_>,
            buf: &mut ReadBuf<'_>,
        ) -> Poll<io::Result<()>> {
            Pin::new(&mut self.get_mut().stream).poll_read(cx, buf)
        }
    }

    impl AsyncWrite for NotesPermitsOnDrop {
        fn poll_write(
            self: Pin<&mut Self>,
            cx: &mut Context<'_>,
            buf: &[u8],
        ) -> Poll<io::Result<usize>> {
            Pin::new(&mut self.get_mut().stream).poll_write(cx, buf)
        }

        fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
            Pin::new(&mut self.get_mut().stream).poll_flush(cx)
        }

        fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
            Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
        }
    }

    #[tokio::test]
    async fn the_slot_is_given_back_before_the_connection_closes() {
        let permits = Arc::new(Semaphore::new(1));
        let seen = Arc::new(Mutex::new(None));
        let (mut client, server) = duplex(1024);
        let stream = NotesPermitsOnDrop {
            stream: server,
            permits: Arc::clone(&permits),
            seen: Arc::clone(&seen),
        };
        let permit = Arc::clone(&permits).try_acquire_owned().unwrap();
        let served = tokio::spawn(connection(stream, permit, Db::default()));
        client.shutdown().await.unwrap(); // the client ends the connection
        served.await.unwrap();
        assert_eq!(
            *seen.lock().unwrap(),
            Some(1),
            "the permit must be back when the connection closes"
        );
    }

    // Alice says nothing and never closes her side: the idle timeout hangs
    // up on her at 10 s, and `hang_up` waits one more second for her.
    #[tokio::test(start_paused = true)]
    async fn a_silent_client_that_never_closes_holds_its_permit_for_11_s() {
        let permits = Arc::new(Semaphore::new(1));
        let (alice, server) = duplex(1024);
        let permit = Arc::clone(&permits).try_acquire_owned().unwrap();
        let start = Instant::now();
        let served = tokio::spawn(connection(server, permit, Db::default()));
        sleep(IDLE_TIMEOUT + LINGER - Duration::from_millis(1)).await;
        assert_eq!(
            permits.available_permits(),
            0,
            "still held just before 11 s"
        );
        timeout(Duration::from_secs(3600), served)
            .await
            .expect("the connection must let go of alice")
            .unwrap();
        assert_eq!(start.elapsed(), IDLE_TIMEOUT + LINGER);
        assert_eq!(permits.available_permits(), 1);
        drop(alice); // open until the server has let go
    }

    /// `handle` over an in-memory pipe that holds `room` bytes each way.
    fn served_over(room: usize) -> (DuplexStream, tokio::task::JoinHandle<()>) {
        let (client, server) = duplex(room);
        let served = tokio::spawn(async move {
            let mut lines = Framed::new(server, CompleteLines::new());
            handle(&mut lines, &Db::default()).await;
        });
        (client, served)
    }

    fn idle_server() -> Framed<DuplexStream, LinesCodec> {
        Framed::new(served_over(1024).0, LinesCodec::new())
    }

    #[tokio::test(start_paused = true)]
    async fn a_client_that_sends_no_line_is_disconnected_after_exactly_10_s() {
        let mut client = idle_server();
        let start = Instant::now();
        assert_eq!(
            client.next().await.unwrap().unwrap(),
            "ERR no command in 10 s, closing"
        );
        assert_eq!(start.elapsed(), IDLE_TIMEOUT);
        assert!(client.next().await.is_none());
    }

    // A byte every 3 s: never silent for 10 s, but no whole line in 10 s.
    #[tokio::test(start_paused = true)]
    async fn a_client_that_sends_bytes_but_no_line_is_cut_off_after_10_s() {
        let (reader, mut writer) = tokio::io::split(served_over(1024).0);
        tokio::spawn(async move {
            for byte in b"GET a\n" {
                sleep(Duration::from_secs(3)).await;
                let _ = writer.write_all(&[*byte]).await;
            }
        });
        let mut replies = Framed::new(reader, LinesCodec::new());
        let start = Instant::now();
        assert_eq!(
            replies.next().await.unwrap().unwrap(),
            "ERR no command in 10 s, closing"
        );
        assert_eq!(start.elapsed(), IDLE_TIMEOUT);
    }

    #[tokio::test(start_paused = true)]
    async fn a_client_that_speaks_every_9_s_is_never_disconnected() {
        let mut client = idle_server();
        for _ in 0..10 {
            sleep(Duration::from_secs(9)).await;
            assert_eq!(call(&mut client, "GET a").await, "NONE");
        }
    }

    // The client sends 200 commands and reads nothing: the 64 bytes each
    // way fill up at once, and the server's `send` waits.
    #[tokio::test(start_paused = true)]
    async fn a_client_that_never_reads_is_let_go_10_s_after_a_reply_is_stuck() {
        let (client, served) = served_over(64);
        let (_replies, mut commands) = tokio::io::split(client);
        tokio::spawn(async move {
            let _ = commands.write_all("GET a\n".repeat(200).as_bytes()).await;
        });
        let start = Instant::now();
        timeout(Duration::from_secs(3600), served)
            .await
            .expect("the connection must not be held for ever")
            .unwrap();
        assert_eq!(start.elapsed(), WRITE_TIMEOUT);
    }

    #[tokio::test]
    async fn a_client_can_connect_before_the_server_accepts() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let mut client = TcpStream::connect(addr).await.unwrap(); // never accepted
        client.write_all(b"GET a\n").await.unwrap();
    }

    // 100 ms of real time: an answer on the loopback interface takes far
    // less, and a connection attempt that gets none is retried after 1 s.
    #[tokio::test]
    async fn once_the_backlog_is_full_a_connection_attempt_gets_no_answer() {
        let socket = TcpSocket::new_v4().unwrap();
        socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
        let listener = socket.listen(1).unwrap(); // a backlog of 1
        let addr = listener.local_addr().unwrap();
        // Linux holds one connection more than the backlog it was asked for.
        let _first = TcpStream::connect(addr).await.unwrap();
        let _second = TcpStream::connect(addr).await.unwrap();
        let third = timeout(Duration::from_millis(100), TcpStream::connect(addr)).await;
        assert!(third.is_err(), "no answer yet: got {third:?}");
    }
}
