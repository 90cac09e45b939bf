use tokio::io::{self, AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

async fn serve(listener: TcpListener) {
    while let Ok((socket, _)) = listener.accept().await {
        tokio::spawn(async move {
            let _ = handle(socket).await;
        });
    }
}

// ANCHOR: handle
/// Serves one client: a line in, a line out. Generic, so that it runs over
/// a `TcpStream` here and over an in-memory pipe in the tests.
async fn handle<S>(stream: S) -> io::Result<()>
where
    S: AsyncRead + AsyncWrite,
{
    let (reader, mut writer) = io::split(stream);
    let mut lines = BufReader::new(reader).lines();
    while let Some(line) = lines.next_line().await? {
        let reply = respond(&line);
        writer.write_all(format!("{reply}\n").as_bytes()).await?;
    }
    Ok(())
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

// ANCHOR: main
#[tokio::main]
async fn main() -> io::Result<()> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(serve(listener));

    let (reader, mut writer) = TcpStream::connect(addr).await?.into_split();
    let mut replies = BufReader::new(reader).lines();

    // One line in two writes...
    writer.write_all(b"PI").await?;
    writer.write_all(b"NG\n").await?;
    println!("{}", replies.next_line().await?.unwrap());

    // ...two lines in one write...
    writer.write_all(b"ECHO one\nECHO two\n").await?;
    println!("{}", replies.next_line().await?.unwrap());
    println!("{}", replies.next_line().await?.unwrap());

    // ...and a command the server does not know.
    writer.write_all(b"HELLO\n").await?;
    println!("{}", replies.next_line().await?.unwrap());
    Ok(())
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use tokio::io::{AsyncReadExt, duplex};

    // On the paused clock, the 10 ms sleep ends only once the server has
    // nothing left to do: it has read "PI" and is waiting for more.
    #[tokio::test(start_paused = true)]
    async fn a_line_split_across_two_writes_is_read_as_one_line() {
        let (mut client, server) = duplex(1024);
        tokio::spawn(handle(server));
        client.write_all(b"PI").await.unwrap();
        tokio::time::sleep(Duration::from_millis(10)).await;
        client.write_all(b"NG\n").await.unwrap();
        client.shutdown().await.unwrap();
        let mut replies = String::new();
        client.read_to_string(&mut replies).await.unwrap();
        assert_eq!(replies, "PONG\n");
    }

    #[tokio::test]
    async fn a_megabyte_line_is_read_whole() {
        let (client, server) = duplex(64 * 1024);
        tokio::spawn(handle(server));
        let (mut read, mut write) = io::split(client);
        let text = "x".repeat(1024 * 1024);
        let sent = text.clone();
        tokio::spawn(async move {
            write
                .write_all(format!("ECHO {sent}\n").as_bytes())
                .await
                .unwrap();
            write.shutdown().await.unwrap();
        });
        let mut replies = String::new();
        read.read_to_string(&mut replies).await.unwrap();
        assert_eq!(replies, format!("{text}\n"));
    }

    #[tokio::test]
    async fn an_unfinished_last_line_is_still_answered() {
        let (mut client, server) = duplex(1024);
        tokio::spawn(handle(server));
        client.write_all(b"ECHO half a comm").await.unwrap();
        client.shutdown().await.unwrap(); // leaves mid-line
        let mut replies = String::new();
        client.read_to_string(&mut replies).await.unwrap();
        assert_eq!(replies, "half a comm\n");
    }
}
