use futures::{SinkExt, StreamExt};
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::{Duration, Instant};
use tokio_util::codec::{Framed, LinesCodec};

/// The most lines one client may have answered per second.
const RATE: u32 = 5;

// ANCHOR: exercise
/// Answers at most `RATE` lines per second from this client, and
/// `ERR slow down` to the others (which it does not run).
async fn handle<S>(stream: S)
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let mut lines = Framed::new(stream, LinesCodec::new_with_max_length(64));
    // A window of one second, and how many lines it has answered so far.
    let mut window = Instant::now();
    let mut answered = 0;
    while let Some(Ok(line)) = lines.next().await {
        if window.elapsed() >= Duration::from_secs(1) {
            window = Instant::now();
            answered = 0;
        }
        let reply = if answered < RATE {
            answered += 1;
            respond(&line)
        } else {
            "ERR slow down".to_string()
        };
        if lines.send(reply).await.is_err() {
            return;
        }
    }
}
// ANCHOR_END: exercise

/// The protocol: `PING`, or `ECHO <text>`.
fn respond(line: &str) -> String {
    let (command, rest) = line.split_once(' ').unwrap_or((line, ""));
    match command {
        "PING" => "PONG".to_string(),
        "ECHO" => rest.to_string(),
        _ => format!("ERR unknown command {command:?}"),
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            tokio::spawn(handle(socket));
        }
    });

    // A flood: seven lines in one write.
    let mut client = Framed::new(TcpStream::connect(addr).await?, LinesCodec::new());
    let flood: String = (1..=7).map(|n| format!("ECHO {n}\n")).collect();
    client.get_mut().write_all(flood.as_bytes()).await?;
    for _ in 1..=7 {
        println!("{}", client.next().await.ok_or("closed")??);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{DuplexStream, duplex};
    use tokio::time::{Duration, Instant, sleep};

    fn connect() -> Framed<DuplexStream, LinesCodec> {
        let (client, server) = duplex(1024);
        tokio::spawn(handle(server));
        Framed::new(client, LinesCodec::new())
    }

    async fn burst(client: &mut Framed<DuplexStream, LinesCodec>, lines: u32) -> Vec<String> {
        let text: String = (1..=lines).map(|n| format!("ECHO {n}\n")).collect();
        client.get_mut().write_all(text.as_bytes()).await.unwrap();
        let mut replies = Vec::new();
        for _ in 0..lines {
            replies.push(client.next().await.unwrap().unwrap());
        }
        replies
    }

    #[tokio::test(start_paused = true)]
    async fn a_burst_of_eight_gets_five_answers_and_three_errors() {
        let mut client = connect();
        let replies = burst(&mut client, 8).await;
        assert_eq!(
            replies,
            [
                "1",
                "2",
                "3",
                "4",
                "5",
                "ERR slow down",
                "ERR slow down",
                "ERR slow down"
            ],
            "only 5 lines a second may be answered"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_second_later_the_client_is_served_again() {
        let mut client = connect();
        burst(&mut client, 8).await;
        sleep(Duration::from_secs(1)).await;
        assert_eq!(
            burst(&mut client, 1).await,
            ["1"],
            "served again after a second"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_client_within_the_limit_is_never_refused() {
        let mut client = connect();
        let start = Instant::now();
        for _ in 0..3 {
            assert_eq!(burst(&mut client, 5).await, ["1", "2", "3", "4", "5"]);
            sleep(Duration::from_secs(1)).await;
        }
        assert_eq!(start.elapsed(), Duration::from_secs(3));
    }
}
