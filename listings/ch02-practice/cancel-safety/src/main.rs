use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt, DuplexStream};
use tokio::time::sleep;

// ANCHOR: sender
/// Sends two 4-byte messages, `PING` and `PONG`; the first arrives in two
/// halves, 150 ms apart, as data on a network often does.
async fn sender(mut stream: DuplexStream) {
    stream.write_all(b"PI").await.unwrap();
    sleep(Duration::from_millis(150)).await;
    stream.write_all(b"NGPONG").await.unwrap();
} // dropping the stream ends it: the reader sees the end of the data
// ANCHOR_END: sender

// ANCHOR: restarting
/// Reads 4-byte messages, saying so every 100 ms while it waits. Wrong: each
/// turn of the loop starts a new `read_exact`, and drops the old one.
async fn read_messages_restarting(mut stream: DuplexStream) -> Vec<String> {
    let mut messages = Vec::new();
    let mut buf = [0; 4];
    loop {
        tokio::select! {
            read = stream.read_exact(&mut buf) => match read {
                Ok(_) => messages.push(String::from_utf8_lossy(&buf).into_owned()),
                Err(_) => break, // the end of the data
            },
            _ = sleep(Duration::from_millis(100)) => println!("still waiting..."),
        }
    }
    messages
}
// ANCHOR_END: restarting

// ANCHOR: pinned
/// Reads one 4-byte message, saying so every 100 ms while it waits. The
/// `read_exact` future is made once, and every turn polls that same future.
async fn read_message(stream: &mut DuplexStream) -> Option<String> {
    let mut buf = [0; 4];
    let mut read = std::pin::pin!(stream.read_exact(&mut buf));
    loop {
        tokio::select! {
            result = &mut read => {
                result.ok()?; // the end of the data: no more messages
                break;
            }
            _ = sleep(Duration::from_millis(100)) => println!("still waiting..."),
        }
    }
    Some(String::from_utf8_lossy(&buf).into_owned())
}

async fn read_messages_pinned(mut stream: DuplexStream) -> Vec<String> {
    let mut messages = Vec::new();
    while let Some(message) = read_message(&mut stream).await {
        messages.push(message);
    }
    messages
}
// ANCHOR_END: pinned

// ANCHOR: main
#[tokio::main]
async fn main() {
    let (writer, reader) = tokio::io::duplex(64);
    let (messages, ()) = tokio::join!(read_messages_restarting(reader), sender(writer));
    println!("restarting read_exact: {messages:?}");

    let (writer, reader) = tokio::io::duplex(64);
    let (messages, ()) = tokio::join!(read_messages_pinned(reader), sender(writer));
    println!("one pinned read_exact: {messages:?}");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn a_restarted_read_exact_loses_the_bytes_it_had_read() {
        let (writer, reader) = tokio::io::duplex(64);
        let (messages, ()) = tokio::join!(read_messages_restarting(reader), sender(writer));
        // "PI" was read by the first `read_exact`, dropped at 100 ms.
        assert_eq!(messages, ["NGPO"]);
    }

    #[tokio::test(start_paused = true)]
    async fn one_pinned_read_exact_polled_through_mut_loses_nothing() {
        let (writer, reader) = tokio::io::duplex(64);
        let (messages, ()) = tokio::join!(read_messages_pinned(reader), sender(writer));
        assert_eq!(messages, ["PING", "PONG"]);
    }

    #[tokio::test(start_paused = true)]
    async fn recv_in_a_select_loop_loses_no_message() {
        let (tx, mut rx) = tokio::sync::mpsc::channel(1);
        tokio::spawn(async move {
            for n in 0..20 {
                sleep(Duration::from_millis(70)).await;
                tx.send(n).await.unwrap();
            }
        });
        let mut received = Vec::new();
        let mut ticks = 0;
        loop {
            tokio::select! {
                message = rx.recv() => match message {
                    Some(n) => received.push(n),
                    None => break,
                },
                _ = sleep(Duration::from_millis(50)) => ticks += 1,
            }
        }
        assert!(ticks > 0, "the timer won some turns");
        assert_eq!(received, (0..20).collect::<Vec<_>>());
    }

    #[tokio::test]
    #[should_panic(expected = "`async fn` resumed after completion")]
    async fn polling_a_finished_async_fn_future_again_panics() {
        async fn answer() -> u32 {
            42
        }
        let mut future = std::pin::pin!(answer());
        for _ in 0..2 {
            tokio::select! {
                n = &mut future => assert_eq!(n, 42),
                _ = sleep(Duration::from_millis(10)) => {}
            }
        }
    }

    #[tokio::test]
    #[should_panic(expected = "`async fn` resumed after completion")]
    async fn polling_a_finished_async_block_again_panics_too() {
        let mut future = std::pin::pin!(async { 42 });
        assert_eq!((&mut future).await, 42);
        (&mut future).await;
    }

    #[tokio::test]
    async fn a_precondition_keeps_a_finished_future_from_being_polled_again() {
        async fn answer() -> u32 {
            42
        }
        let mut future = std::pin::pin!(answer());
        let mut done = false;
        let mut answers = Vec::new();
        for _ in 0..3 {
            tokio::select! {
                n = &mut future, if !done => {
                    done = true;
                    answers.push(n);
                }
                _ = sleep(Duration::from_millis(10)) => {}
            }
        }
        assert_eq!(answers, [42]);
    }
}
