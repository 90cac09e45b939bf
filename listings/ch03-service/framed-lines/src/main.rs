use futures::{SinkExt, StreamExt};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio_util::bytes::BytesMut;
use tokio_util::codec::{Decoder, Encoder, Framed, LinesCodec, LinesCodecError};

// ANCHOR: codec
/// The longest line a client may send, in bytes (without its newline).
const MAX_LINE: usize = 64;

/// `LinesCodec`, except that bytes left over when the client closes, a
/// line without its newline, are an error instead of a last line.
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
    // No `decode_eof`: the trait's default calls `decode`, and fails with
    // "bytes remaining on stream" if that leaves bytes unread.
}

impl<T: AsRef<str>> Encoder<T> for CompleteLines {
    type Error = LinesCodecError;

    fn encode(&mut self, line: T, buf: &mut BytesMut) -> Result<(), LinesCodecError> {
        self.0.encode(line, buf)
    }
}
// ANCHOR_END: codec

async fn serve(listener: TcpListener) {
    while let Ok((socket, _)) = listener.accept().await {
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
        let reply = match line {
            Ok(line) => respond(&line),
            Err(LinesCodecError::MaxLineLengthExceeded) => {
                // Tell this client why, then hang up on it (and it alone).
                let _ = lines
                    .send(format!("ERR line longer than {MAX_LINE} bytes"))
                    .await;
                return;
            }
            // The connection failed, or the client left mid-line.
            Err(LinesCodecError::Io(_)) => return,
        };
        if lines.send(reply).await.is_err() {
            return;
        }
    }
}
// ANCHOR_END: handle

/// The protocol: `PING`, or `ECHO <text>`.
fn respond(line: &str) -> String {
    let (command, rest) = line.split_once(' ').unwrap_or((line, ""));
    match command {
        "PING" => "PONG".to_string(),
        "ECHO" => rest.to_string(),
        _ => format!("ERR unknown command {command:?}"),
    }
}

// ANCHOR: main
#[tokio::main]
async fn main() -> Result<(), LinesCodecError> {
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

    // Bob sends half a line, then closes his side of the connection.
    let mut bob = TcpStream::connect(addr).await?;
    bob.write_all(b"ECHO half a li").await?;
    bob.shutdown().await?;
    let mut rest = String::new();
    bob.read_to_string(&mut rest).await?;
    println!("bob got: {rest:?}");

    alice.send("ECHO still here").await?;
    println!("alice got: {:?}", alice.next().await.transpose()?);
    Ok(())
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::duplex;

    async fn start() -> std::net::SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(serve(listener));
        addr
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
    async fn an_unfinished_last_line_is_not_answered() {
        let (mut client, server) = duplex(1024);
        tokio::spawn(handle(server));
        client.write_all(b"ECHO half a li").await.unwrap();
        client.shutdown().await.unwrap();
        let mut replies = String::new();
        client.read_to_string(&mut replies).await.unwrap();
        assert_eq!(replies, "");
    }

    #[tokio::test]
    async fn plain_lines_codec_returns_an_unfinished_last_line() {
        let (mut client, server) = duplex(1024);
        client.write_all(b"ECHO half a li").await.unwrap();
        client.shutdown().await.unwrap();
        let mut lines = Framed::new(server, LinesCodec::new());
        assert_eq!(lines.next().await.unwrap().unwrap(), "ECHO half a li");
    }

    #[tokio::test]
    async fn after_a_decoding_error_the_stream_returns_none() {
        let (mut client, server) = duplex(1024);
        client.write_all(b"far too long\nPING\n").await.unwrap();
        let mut lines = Framed::new(server, LinesCodec::new_with_max_length(4));
        assert!(matches!(
            lines.next().await,
            Some(Err(LinesCodecError::MaxLineLengthExceeded))
        ));
        assert!(lines.next().await.is_none());
    }
}
