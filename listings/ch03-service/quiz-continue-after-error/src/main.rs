use futures::{SinkExt, StreamExt};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_util::codec::{Framed, LinesCodec, LinesCodecError};

#[tokio::main]
async fn main() {
    let (mut client, server) = tokio::io::duplex(1024);
    tokio::spawn(async move {
        let mut lines = Framed::new(server, LinesCodec::new_with_max_length(8));
        while let Some(line) = lines.next().await {
            let reply = match line {
                Ok(line) => format!("got {line}"),
                Err(LinesCodecError::MaxLineLengthExceeded) => {
                    let _ = lines.send("ERR too long").await;
                    continue;
                }
                Err(LinesCodecError::Io(_)) => break,
            };
            let _ = lines.send(reply).await;
        }
    });
    client
        .write_all(b"far too long for it\nPING\n")
        .await
        .unwrap();
    let mut replies = String::new();
    client.read_to_string(&mut replies).await.unwrap();
    print!("{replies}");
}
