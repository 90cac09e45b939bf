use std::io;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

// ANCHOR: server
/// Accepts connections for as long as the listener lives, and gives each
/// one a task of its own.
async fn serve(listener: TcpListener) {
    loop {
        let (socket, peer) = accept(&listener).await;
        tokio::spawn(async move {
            if let Err(e) = echo(socket).await {
                eprintln!("{peer}: {e}");
            }
        });
    }
}

/// Writes back every byte it reads, until the client closes its side.
async fn echo(mut socket: TcpStream) -> io::Result<()> {
    let mut buf = [0u8; 1024];
    loop {
        let n = socket.read(&mut buf).await?;
        if n == 0 {
            return Ok(()); // the client closed its side: we are done
        }
        socket.write_all(&buf[..n]).await?;
    }
}
// ANCHOR_END: server

// ANCHOR: accept
/// Waits for the next connection, whatever `accept` fails with meanwhile.
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

/// An error about the one connection being accepted (it was aborted or
/// reset while it waited to be accepted) is no reason to wait. Any other is
/// about the whole process, most often that it has no file descriptor left
/// (`EMFILE`): report it, and wait before trying again, since trying at once
/// would fail the same way, as fast as the loop can turn.
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
// ANCHOR_END: accept

// ANCHOR: main
#[tokio::main]
async fn main() -> io::Result<()> {
    // Port 0: the operating system picks a free port, and `local_addr`
    // says which one.
    let listener = TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    tokio::spawn(serve(listener));

    // Alice connects first, then says nothing for a while.
    let mut alice = TcpStream::connect(addr).await?;
    let mut bob = TcpStream::connect(addr).await?;
    println!("bob got: {}", round_trip(&mut bob, "hello from bob").await?);
    println!(
        "alice got: {}",
        round_trip(&mut alice, "hi, I'm back").await?
    );

    // Bob closes his connection; the server goes on serving.
    drop(bob);
    let mut carol = TcpStream::connect(addr).await?;
    println!(
        "carol got: {}",
        round_trip(&mut carol, "where is bob?").await?
    );
    Ok(())
}

/// Sends `text`, then reads back as many bytes as it sent.
async fn round_trip(socket: &mut TcpStream, text: &str) -> io::Result<String> {
    socket.write_all(text.as_bytes()).await?;
    let mut back = vec![0; text.len()];
    socket.read_exact(&mut back).await?;
    Ok(String::from_utf8_lossy(&back).into_owned())
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::{Instant, timeout};

    async fn start() -> SocketAddr {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(serve(listener));
        addr
    }

    // A single-threaded runtime: the two clients and the server share one
    // thread, so only separate tasks can serve both. (The 5 s timeout only
    // turns a hang into a failure; the answer comes at once.)
    #[tokio::test(flavor = "current_thread")]
    async fn a_silent_client_does_not_hold_up_another() {
        let addr = start().await;
        let _silent = TcpStream::connect(addr).await.unwrap();
        let mut bob = TcpStream::connect(addr).await.unwrap();
        let reply = timeout(Duration::from_secs(5), round_trip(&mut bob, "hello"))
            .await
            .expect("bob was not served while the first client was silent");
        assert_eq!(reply.unwrap(), "hello");
    }

    /// Bob sends a few bytes, then his connection is reset: with a zero
    /// linger time, dropping a socket sends a reset (RST) instead of closing
    /// the connection (FIN).
    async fn send_then_reset(mut bob: TcpStream) {
        bob.write_all(b"half a mess").await.unwrap();
        bob.set_zero_linger().unwrap();
        drop(bob); // reset, with its echo unread
    }

    #[tokio::test(flavor = "current_thread")]
    async fn the_server_goes_on_after_a_client_resets_its_connection() {
        let addr = start().await;
        send_then_reset(TcpStream::connect(addr).await.unwrap()).await;
        let mut carol = TcpStream::connect(addr).await.unwrap();
        let reply = timeout(
            Duration::from_secs(5),
            round_trip(&mut carol, "still there?"),
        )
        .await
        .expect("carol was not served after bob's connection was reset");
        assert_eq!(reply.unwrap(), "still there?");
    }

    #[tokio::test]
    async fn a_reset_connection_ends_its_echo_task_with_an_error() {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let bob = TcpStream::connect(listener.local_addr().unwrap())
            .await
            .unwrap();
        let (socket, _) = listener.accept().await.unwrap();
        send_then_reset(bob).await;
        let error = echo(socket).await.unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::ConnectionReset);
    }

    #[tokio::test(start_paused = true)]
    async fn an_accept_error_about_one_connection_is_skipped_at_once() {
        use io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
        let start = Instant::now();
        for kind in [ConnectionAborted, ConnectionRefused, ConnectionReset] {
            after_accept_error(&kind.into()).await;
            assert_eq!(start.elapsed(), Duration::ZERO, "{kind:?} must not wait");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn any_other_accept_error_waits_a_second_before_the_next_try() {
        let start = Instant::now();
        // EMFILE: the process has no file descriptor left for the connection.
        after_accept_error(&io::Error::from_raw_os_error(24)).await;
        assert_eq!(start.elapsed(), ACCEPT_RETRY);
    }
}
