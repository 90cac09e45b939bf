use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::sync::broadcast::{self, error::RecvError};

// ANCHOR: exercise
/// A chat connection: every line the client sends is said to everyone.
/// `Lines::next_line` is cancel safe: a line that has partly arrived stays
/// in `lines` when the other branch wins, and the next call finishes it.
async fn handle<S>(stream: S, chat: broadcast::Sender<String>, name: String)
where
    S: AsyncRead + AsyncWrite,
{
    let (reader, mut writer) = tokio::io::split(stream);
    let mut lines = BufReader::new(reader).lines();
    let mut messages = chat.subscribe();
    loop {
        let message = tokio::select! {
            line = lines.next_line() => {
                let Ok(Some(line)) = line else {
                    return; // the client left
                };
                let _ = chat.send(format!("{name}: {line}"));
                continue;
            }
            message = messages.recv() => match message {
                Ok(message) => message,
                Err(RecvError::Lagged(missed)) => format!("(missed {missed} messages)"),
                Err(RecvError::Closed) => return,
            },
        };
        if writer
            .write_all(format!("{message}\n").as_bytes())
            .await
            .is_err()
        {
            return;
        }
    }
}
// ANCHOR_END: exercise

/// Alice's "hello" arrives in two parts; between them, Bob speaks.
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let (chat, _) = broadcast::channel(16);
    let (alice, server) = tokio::io::duplex(1024);
    tokio::spawn(handle(server, chat.clone(), "alice".to_string()));
    let (replies, mut alice) = tokio::io::split(alice);
    let mut replies = BufReader::new(replies).lines();

    alice.write_all(b"hel").await.unwrap();
    // On the paused clock, this returns once every task is waiting: the
    // connection has read "hel".
    tokio::time::sleep(Duration::from_millis(10)).await;
    chat.send("bob: hi all".to_string()).unwrap();
    println!("{}", replies.next_line().await.unwrap().unwrap());
    alice.write_all(b"lo\n").await.unwrap();
    println!("{}", replies.next_line().await.unwrap().unwrap());
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{DuplexStream, Lines, ReadHalf, WriteHalf, duplex, split};

    type Client = (
        WriteHalf<DuplexStream>,
        Lines<BufReader<ReadHalf<DuplexStream>>>,
    );

    fn connect(chat: &broadcast::Sender<String>, name: &str) -> Client {
        let (client, server) = duplex(1024);
        tokio::spawn(handle(server, chat.clone(), name.to_string()));
        let (read, write) = split(client);
        (write, BufReader::new(read).lines())
    }

    #[tokio::test(start_paused = true)]
    async fn a_half_received_line_survives_a_message_arriving() {
        let (chat, _) = broadcast::channel(16);
        let (mut alice, mut replies) = connect(&chat, "alice");
        alice.write_all(b"hel").await.unwrap();
        tokio::time::sleep(Duration::from_millis(10)).await;
        chat.send("bob: hi all".to_string()).unwrap();
        assert_eq!(replies.next_line().await.unwrap().unwrap(), "bob: hi all");
        alice.write_all(b"lo\n").await.unwrap();
        let said = replies.next_line().await.unwrap().unwrap();
        assert_eq!(said, "alice: hello", "the half-received line was lost");
    }

    #[tokio::test(start_paused = true)]
    async fn every_whole_line_is_said_to_everyone() {
        let (chat, _) = broadcast::channel(16);
        let (mut alice, mut alice_hears) = connect(&chat, "alice");
        let (_bob, mut bob_hears) = connect(&chat, "bob");
        tokio::time::sleep(Duration::from_millis(10)).await; // both subscribed
        alice.write_all(b"hello\nhow are you?\n").await.unwrap();
        for hears in [&mut alice_hears, &mut bob_hears] {
            assert_eq!(hears.next_line().await.unwrap().unwrap(), "alice: hello");
            assert_eq!(
                hears.next_line().await.unwrap().unwrap(),
                "alice: how are you?"
            );
        }
    }
}
