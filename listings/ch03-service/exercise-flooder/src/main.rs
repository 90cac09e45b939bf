use futures::{SinkExt, StreamExt};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};
use tokio::time::{Instant, timeout};
use tokio_util::codec::{Framed, LinesCodec, LinesCodecError};

// ANCHOR: exercise
/// TODO: a client that goes on sending after it was told to slow down is
/// hung up on: the third line in a row that its allowance refuses gets
/// `ERR too many lines, closing` instead of `ERR slow down`, and the
/// connection is closed with `hang_up`. An answered line starts the count
/// again.
async fn handle<S>(stream: S)
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let mut lines = Framed::new(stream, LinesCodec::new_with_max_length(64));
    let mut allowance = Allowance::new();
    while let Some(Ok(line)) = lines.next().await {
        let reply = if allowance.take() {
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

/// The chat's allowance (see "Talking to Every Client"), for every line:
/// `BURST` lines at once, then one every `EVERY`.
const BURST: u32 = 5;
const EVERY: Duration = Duration::from_millis(200);

struct Allowance {
    whole_at: Instant,
}

impl Allowance {
    fn new() -> Allowance {
        Allowance {
            whole_at: Instant::now(),
        }
    }

    /// Takes one line's worth of the allowance; `false` if none is left.
    fn take(&mut self) -> bool {
        let now = Instant::now();
        let whole_at = self.whole_at.max(now) + EVERY;
        if whole_at - now > EVERY * BURST {
            return false;
        }
        self.whole_at = whole_at;
        true
    }
}

/// Closes a connection without losing its last line (see "Framing").
#[allow(dead_code)] // until the exercise uses it
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

/// A flood: ten lines in one write, on the paused clock (so that no time
/// passes while the server reads them), over an in-memory pipe.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let (client, server) = tokio::io::duplex(1024);
    tokio::spawn(handle(server));
    let mut client = Framed::new(client, LinesCodec::new());
    let flood: String = (1..=10).map(|n| format!("ECHO {n}\n")).collect();
    client.get_mut().write_all(flood.as_bytes()).await.unwrap();
    loop {
        match timeout(Duration::from_secs(5), client.next()).await {
            Ok(Some(Ok(reply))) => println!("{reply}"),
            Ok(Some(Err(e))) => return println!("error: {e}"),
            Ok(None) => return println!("(closed)"),
            Err(_) => return println!("(nothing more for 5 s, still open)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{DuplexStream, duplex};

    type Client = Framed<DuplexStream, LinesCodec>;

    fn connect() -> Client {
        let (client, server) = duplex(1024);
        tokio::spawn(handle(server));
        Framed::new(client, LinesCodec::new())
    }

    /// Sends `count` lines in one write, and returns the replies that come
    /// before the server closes the connection or goes quiet for a second,
    /// and whether it closed it.
    async fn burst(client: &mut Client, count: u32) -> (Vec<String>, bool) {
        let text: String = (1..=count).map(|n| format!("ECHO {n}\n")).collect();
        client.get_mut().write_all(text.as_bytes()).await.unwrap();
        let mut replies = Vec::new();
        while let Ok(reply) = timeout(Duration::from_secs(1), client.next()).await {
            match reply {
                Some(reply) => replies.push(reply.unwrap()),
                None => return (replies, true),
            }
        }
        (replies, false)
    }

    fn answers(count: u32) -> Vec<String> {
        (1..=count).map(|n| n.to_string()).collect()
    }

    #[tokio::test(start_paused = true)]
    #[ignore = "exercise: run with `cargo test -p ch03-exercise-flooder -- --include-ignored`"]
    async fn a_client_that_keeps_flooding_is_hung_up_on() {
        let mut client = connect();
        let (replies, closed) = burst(&mut client, 10).await;
        let mut expected = answers(5);
        expected.extend(
            [
                "ERR slow down",
                "ERR slow down",
                "ERR too many lines, closing",
            ]
            .map(String::from),
        );
        assert_eq!(
            replies, expected,
            "the third line refused in a row must hang up"
        );
        assert!(closed, "the connection must be closed");
    }

    #[tokio::test(start_paused = true)]
    #[ignore = "exercise: run with `cargo test -p ch03-exercise-flooder -- --include-ignored`"]
    async fn a_client_that_slows_down_is_served_again() {
        let mut client = connect();
        let (replies, _) = burst(&mut client, 7).await;
        assert_eq!(replies[5..], ["ERR slow down", "ERR slow down"]);
        // `burst` returned after a second of silence: a second after the
        // refusals, the allowance is whole again.
        let (replies, closed) = burst(&mut client, 5).await;
        assert_eq!(replies, answers(5), "served again after a second");
        assert!(!closed);
    }

    #[tokio::test(start_paused = true)]
    #[ignore = "exercise: run with `cargo test -p ch03-exercise-flooder -- --include-ignored`"]
    async fn a_client_within_the_limit_is_never_refused() {
        let mut client = connect();
        for _ in 0..3 {
            let (replies, closed) = burst(&mut client, 5).await;
            assert_eq!(replies, answers(5));
            assert!(!closed);
        }
    }
}
