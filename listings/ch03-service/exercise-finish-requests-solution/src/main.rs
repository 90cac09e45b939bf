use futures::{SinkExt, StreamExt};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::sleep;
use tokio_util::codec::{Framed, LinesCodec};
use tokio_util::sync::CancellationToken;

// ANCHOR: exercise
/// Races shutdown against *waiting for* a request only: once a request has
/// arrived, it runs and is answered outside the `select!`, where
/// cancellation cannot drop it.
async fn handle<S>(stream: S, shutdown: CancellationToken)
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let mut lines = Framed::new(stream, LinesCodec::new_with_max_length(64));
    loop {
        let line = tokio::select! {
            _ = shutdown.cancelled() => {
                let _ = lines.send("BYE server shutting down").await;
                return;
            }
            line = lines.next() => line,
        };
        let Some(Ok(line)) = line else {
            return;
        };
        let reply = execute(&line, &mut lines).await;
        if lines.send(reply).await.is_err() {
            return;
        }
    }
}
// ANCHOR_END: exercise

/// `WORK <ms>`: says `WORKING`, works for `ms` milliseconds, answers `DONE`.
async fn execute<S>(line: &str, lines: &mut Framed<S, LinesCodec>) -> String
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    match line.strip_prefix("WORK ").map(str::parse) {
        Some(Ok(ms)) => {
            let _ = lines.send("WORKING").await;
            sleep(Duration::from_millis(ms)).await;
            "DONE".to_string()
        }
        _ => format!("ERR unknown command {line:?}"),
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let shutdown = CancellationToken::new();
    let token = shutdown.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            tokio::spawn(handle(socket, token.clone()));
        }
    });

    let mut bob = Framed::new(TcpStream::connect(addr).await?, LinesCodec::new());
    bob.send("WORK 100").await?;
    println!("bob < {}", bob.next().await.ok_or("closed")??);
    println!("-- shutdown --");
    shutdown.cancel();
    while let Some(line) = bob.next().await {
        println!("bob < {}", line?);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{DuplexStream, duplex};
    use tokio::time::Instant;

    fn connect(shutdown: &CancellationToken) -> Framed<DuplexStream, LinesCodec> {
        let (client, server) = duplex(1024);
        tokio::spawn(handle(server, shutdown.clone()));
        Framed::new(client, LinesCodec::new())
    }

    async fn next(client: &mut Framed<DuplexStream, LinesCodec>) -> Option<String> {
        client.next().await.map(Result::unwrap)
    }

    #[tokio::test(start_paused = true)]
    async fn a_request_under_way_is_answered_before_bye() {
        let shutdown = CancellationToken::new();
        let mut bob = connect(&shutdown);
        bob.send("WORK 300").await.unwrap();
        assert_eq!(next(&mut bob).await.unwrap(), "WORKING");
        let start = Instant::now();
        shutdown.cancel();
        let answer = next(&mut bob).await.unwrap();
        assert_eq!(
            answer, "DONE",
            "the request under way must finish before BYE"
        );
        assert_eq!(start.elapsed(), Duration::from_millis(300));
        assert_eq!(next(&mut bob).await.unwrap(), "BYE server shutting down");
        assert_eq!(next(&mut bob).await, None);
    }

    #[tokio::test(start_paused = true)]
    async fn an_idle_connection_gets_bye_at_once() {
        let shutdown = CancellationToken::new();
        let mut alice = connect(&shutdown);
        let start = Instant::now();
        shutdown.cancel();
        assert_eq!(next(&mut alice).await.unwrap(), "BYE server shutting down");
        assert_eq!(start.elapsed(), Duration::ZERO);
        assert_eq!(next(&mut alice).await, None);
    }
}
