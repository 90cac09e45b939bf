use futures::{SinkExt, StreamExt};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};
use tokio::time::{sleep, timeout};
use tokio_util::codec::{Framed, LinesCodec, LinesCodecError};
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
            // Checked first: a client with lines waiting starts no new
            // request once shutdown has begun.
            biased;
            _ = shutdown.cancelled() => {
                return hang_up(&mut lines, "BYE server shutting down").await;
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

/// Closes a connection without losing its last line (see "Framing").
async fn hang_up<S>(lines: &mut Framed<S, LinesCodec>, last: &str)
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
    let _ = timeout(Duration::from_secs(1), goodbye).await;
}

/// Bob's request is under way when shutdown begins. On the paused clock,
/// over an in-memory pipe.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let shutdown = CancellationToken::new();
    let (client, server) = tokio::io::duplex(1024);
    tokio::spawn(handle(server, shutdown.clone()));
    let mut bob = Framed::new(client, LinesCodec::new());
    bob.send("WORK 100").await.unwrap();
    println!("bob < {}", bob.next().await.unwrap().unwrap());
    println!("-- shutdown --");
    shutdown.cancel();
    while let Some(line) = bob.next().await {
        println!("bob < {}", line.unwrap());
    }
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
