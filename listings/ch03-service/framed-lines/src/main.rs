use futures::{SinkExt, StreamExt};
use std::error::Error;
use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::timeout;
use tokio_util::bytes::BytesMut;
use tokio_util::codec::{Decoder, Encoder, Framed, LinesCodec, LinesCodecError};

// ANCHOR: codec
/// The longest line a client may send, in bytes (without its newline).
const MAX_LINE: usize = 64;

/// Why what a client sent is not a line the server can run.
#[derive(Debug)]
enum LineError {
    /// More than `MAX_LINE` bytes without a newline.
    TooLong,
    /// A line that is not valid UTF-8.
    NotUtf8,
    /// Bytes, then the end of the stream without a newline: the client
    /// closed its side in the middle of a line.
    Unfinished,
    /// Reading from the connection failed.
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
            // The only I/O error `LinesCodec::decode` returns: a line that
            // is not UTF-8 (taken out of `buf` all the same).
            LinesCodecError::Io(_) => LineError::NotUtf8,
        })
    }

    /// What `Framed` calls instead of `decode` once the client has closed
    /// its side: bytes left after the last newline are not a line.
    fn decode_eof(&mut self, buf: &mut BytesMut) -> Result<Option<String>, LineError> {
        match self.decode(buf)? {
            None if !buf.is_empty() => Err(LineError::Unfinished),
            line => Ok(line),
        }
    }
}
// ANCHOR_END: codec

impl<T: AsRef<str>> Encoder<T> for CompleteLines {
    type Error = LinesCodecError;

    fn encode(&mut self, line: T, buf: &mut BytesMut) -> Result<(), LinesCodecError> {
        self.0.encode(line, buf)
    }
}

/// `Framed` turns an I/O error while reading into a `LineError`.
impl From<io::Error> for LineError {
    fn from(error: io::Error) -> Self {
        LineError::Io(error)
    }
}

/// What the client is told: `ERR ` and this.
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

async fn serve(listener: TcpListener) {
    loop {
        let (socket, _) = accept(&listener).await;
        tokio::spawn(handle(socket));
    }
}

// ANCHOR: handle
async fn handle<S>(stream: S)
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let mut lines = Framed::new(stream, CompleteLines::new());
    while let Some(line) = lines.next().await {
        let line = match line {
            Ok(line) => line,
            // The connection itself failed: there is no one to tell.
            Err(LineError::Io(_)) => return,
            // Bad input: tell this client why, then hang up on it (and it alone).
            Err(bad) => return hang_up(&mut lines, &format!("ERR {bad}")).await,
        };
        if lines.send(respond(&line)).await.is_err() {
            return;
        }
    }
}

/// The protocol: `PING`, or `ECHO <text>`.
fn respond(line: &str) -> String {
    let (command, rest) = line.split_once(' ').unwrap_or((line, ""));
    match command {
        "PING" => "PONG".to_string(),
        "ECHO" => rest.to_string(),
        _ => format!("ERR unknown command {command:?}"),
    }
}
// ANCHOR_END: handle

// ANCHOR: hang_up
/// How long a connection that the server is closing may take to read its
/// last line and close its own side.
const LINGER: Duration = Duration::from_secs(1);

/// Closes a connection without losing its last line: sends `last`, closes
/// the server's side (the client reads the end of the stream after `last`),
/// then reads and throws away whatever the client still sends, until it
/// closes its side too. All of it within `LINGER`: a client that never
/// closes, or a write that fails, only ends it sooner or later.
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
// ANCHOR_END: hang_up

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
    tokio::spawn(serve(listener));

    let mut alice = Framed::new(TcpStream::connect(addr).await?, LinesCodec::new());
    alice.send("PING").await?;
    println!("alice got: {:?}", alice.next().await.transpose()?);

    // Mallory sends a line of 100 bytes.
    let mut mallory = Framed::new(TcpStream::connect(addr).await?, LinesCodec::new());
    mallory.send("ECHO ".to_string() + &"x".repeat(95)).await?;
    println!("mallory got: {:?}", mallory.next().await.transpose()?);
    println!("mallory got: {:?}", mallory.next().await.transpose()?);

    // Eve sends a line that is not UTF-8 (`é` in Latin-1), and reads what
    // comes back until the server closes the connection.
    let mut eve = TcpStream::connect(addr).await?;
    eve.write_all(b"ECHO caf\xe9\n").await?;
    let mut back = String::new();
    eve.read_to_string(&mut back).await?;
    println!("eve got: {:?}", back.lines().collect::<Vec<_>>());

    // Bob sends half a line, then closes his side of the connection.
    let mut bob = TcpStream::connect(addr).await?;
    bob.write_all(b"ECHO half a li").await?;
    bob.shutdown().await?;
    let mut back = String::new();
    bob.read_to_string(&mut back).await?;
    println!("bob got: {:?}", back.lines().collect::<Vec<_>>());

    alice.send("ECHO still here").await?;
    println!("alice got: {:?}", alice.next().await.transpose()?);
    Ok(())
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::duplex;
    use tokio::time::Instant;

    async fn start() -> SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(serve(listener));
        addr
    }

    /// Everything the server sends until it closes the connection.
    async fn replies_to(input: &[u8]) -> String {
        let (mut client, server) = duplex(1024);
        tokio::spawn(handle(server));
        client.write_all(input).await.unwrap();
        let mut replies = String::new();
        client.read_to_string(&mut replies).await.unwrap();
        replies
    }

    #[tokio::test]
    async fn an_overlong_line_gets_an_error_and_only_that_client_is_dropped() {
        let addr = start().await;
        let mut alice = Framed::new(TcpStream::connect(addr).await.unwrap(), LinesCodec::new());
        let mut mallory = Framed::new(TcpStream::connect(addr).await.unwrap(), LinesCodec::new());
        mallory.send("y".repeat(MAX_LINE + 1)).await.unwrap();
        let error = mallory.next().await.unwrap().unwrap();
        assert_eq!(error, "ERR line longer than 64 bytes");
        assert!(
            mallory.next().await.is_none(),
            "mallory's connection must be closed"
        );
        alice.send("ECHO fine").await.unwrap();
        assert_eq!(alice.next().await.unwrap().unwrap(), "fine");
    }

    // 10,000 bytes: more than the server reads before it answers, so the
    // rest is still unread when it hangs up.
    #[tokio::test]
    async fn a_line_longer_than_one_read_still_gets_its_error_and_a_clean_close() {
        let addr = start().await;
        let mut mallory = Framed::new(TcpStream::connect(addr).await.unwrap(), LinesCodec::new());
        mallory.send("y".repeat(10_000)).await.unwrap();
        let error = mallory.next().await.unwrap().unwrap();
        assert_eq!(error, "ERR line longer than 64 bytes");
        let end = mallory.next().await;
        assert!(
            end.is_none(),
            "the end of the stream, not a reset, after the error: got {end:?}"
        );
    }

    // The server reads part of what the client sent, answers, and closes
    // its socket at once, as a plain `return` from `handle` would.
    #[tokio::test]
    async fn closing_a_socket_with_unread_input_resets_the_connection() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let mut client = TcpStream::connect(listener.local_addr().unwrap())
            .await
            .unwrap();
        client.write_all(&[b'y'; 10_000]).await.unwrap();
        let (mut server, _) = listener.accept().await.unwrap();
        server.read_exact(&mut [0; 100]).await.unwrap();
        server.write_all(b"ERR\n").await.unwrap();
        drop(server);
        let mut reply = [0; 4];
        client.read_exact(&mut reply).await.unwrap();
        assert_eq!(&reply, b"ERR\n");
        let error = client.read(&mut [0; 64]).await.unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::ConnectionReset);
    }

    // After the end of the stream, the client writes 10,000 more bytes
    // through a pipe that holds 1,024: they go through only if the server
    // keeps reading.
    #[tokio::test(start_paused = true)]
    async fn hang_up_reads_what_the_client_still_sends_until_it_closes() {
        let (client, server) = duplex(1024);
        let hung_up = tokio::spawn(async move {
            let mut lines = Framed::new(server, CompleteLines::new());
            hang_up(&mut lines, "ERR goodbye").await;
        });
        let mut client = Framed::new(client, LinesCodec::new());
        assert_eq!(client.next().await.unwrap().unwrap(), "ERR goodbye");
        assert!(client.next().await.is_none(), "the end of the stream");
        let start = Instant::now();
        let stream = client.get_mut();
        stream
            .write_all(&[b'y'; 10_000])
            .await
            .expect("the server must still be reading");
        stream.shutdown().await.unwrap();
        hung_up.await.unwrap();
        assert_eq!(
            start.elapsed(),
            Duration::ZERO,
            "done when the client closes"
        );
    }

    // The client reads the last line and the end of the stream, and never
    // closes its side.
    #[tokio::test(start_paused = true)]
    async fn a_client_that_never_closes_is_let_go_1_s_after_the_goodbye_starts() {
        let (client, server) = duplex(1024);
        let start = Instant::now();
        let hung_up = tokio::spawn(async move {
            let mut lines = Framed::new(server, CompleteLines::new());
            hang_up(&mut lines, "ERR goodbye").await;
        });
        let mut client = Framed::new(client, LinesCodec::new());
        assert_eq!(client.next().await.unwrap().unwrap(), "ERR goodbye");
        assert!(client.next().await.is_none(), "the end of the stream");
        timeout(Duration::from_secs(3600), hung_up)
            .await
            .expect("the server must let go of the client")
            .unwrap();
        assert_eq!(start.elapsed(), LINGER);
        drop(client); // open until the server has let go
    }

    #[tokio::test]
    async fn a_line_of_exactly_the_limit_is_accepted() {
        let (client, server) = duplex(1024);
        tokio::spawn(handle(server));
        let mut client = Framed::new(client, LinesCodec::new());
        let text = "z".repeat(MAX_LINE - "ECHO ".len());
        client.send(format!("ECHO {text}")).await.unwrap();
        assert_eq!(client.next().await.unwrap().unwrap(), text);
    }

    #[tokio::test]
    async fn a_line_that_is_not_utf8_gets_an_error_and_the_connection_closes() {
        let replies = replies_to(b"PING\nECHO caf\xe9\nPING\n").await;
        assert_eq!(replies, "PONG\nERR line is not UTF-8\n");
    }

    #[tokio::test]
    async fn an_unfinished_last_line_is_not_run_but_answered_with_an_error() {
        let (mut client, server) = duplex(1024);
        tokio::spawn(handle(server));
        client.write_all(b"ECHO half a li").await.unwrap();
        client.shutdown().await.unwrap(); // leaves mid-line, still reading
        let mut replies = String::new();
        client.read_to_string(&mut replies).await.unwrap();
        assert_eq!(replies, "ERR unfinished line\n");
    }

    #[tokio::test]
    async fn a_whole_line_before_an_unfinished_one_is_still_answered() {
        let (mut client, server) = duplex(1024);
        tokio::spawn(handle(server));
        client.write_all(b"PING\nECHO half").await.unwrap();
        client.shutdown().await.unwrap();
        let mut replies = String::new();
        client.read_to_string(&mut replies).await.unwrap();
        assert_eq!(replies, "PONG\nERR unfinished line\n");
    }

    #[tokio::test]
    async fn plain_lines_codec_returns_an_unfinished_last_line() {
        let (mut client, server) = duplex(1024);
        client.write_all(b"ECHO half a li").await.unwrap();
        client.shutdown().await.unwrap();
        let mut lines = Framed::new(server, LinesCodec::new());
        assert_eq!(lines.next().await.unwrap().unwrap(), "ECHO half a li");
    }

    // The client closes its side after the two lines, so that the third
    // `next()`, which reads from the stream again, finds the end of it.
    #[tokio::test]
    async fn after_a_decoding_error_framed_returns_none_once_then_reads_on() {
        let (mut client, server) = duplex(1024);
        client.write_all(b"far too long\nPING\n").await.unwrap();
        client.shutdown().await.unwrap();
        let mut lines = Framed::new(server, LinesCodec::new_with_max_length(4));
        assert!(matches!(
            lines.next().await,
            Some(Err(LinesCodecError::MaxLineLengthExceeded))
        ));
        assert!(lines.next().await.is_none(), "None, once");
        assert_eq!(lines.next().await.unwrap().unwrap(), "PING");
        assert!(lines.next().await.is_none(), "the end of the stream");
    }

    #[tokio::test]
    async fn a_framed_starts_with_8_kib_read_and_write_buffers() {
        let (_client, server) = duplex(1024);
        let lines = Framed::new(server, CompleteLines::new());
        assert_eq!(lines.read_buffer().capacity(), 8 * 1024);
        assert_eq!(lines.write_buffer().capacity(), 8 * 1024);
    }
}
