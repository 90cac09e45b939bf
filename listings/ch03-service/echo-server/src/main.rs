use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

// ANCHOR: server
/// Accepts connections for as long as the listener lives, and gives each
/// one a task of its own.
async fn serve(listener: TcpListener) {
    loop {
        let (socket, peer) = match listener.accept().await {
            Ok(connection) => connection,
            Err(e) => {
                eprintln!("accept failed: {e}");
                continue;
            }
        };
        tokio::spawn(async move {
            if let Err(e) = echo(socket).await {
                eprintln!("{peer}: {e}");
            }
        });
    }
}

/// Writes back every byte it reads, until the client closes its side.
async fn echo(mut socket: TcpStream) -> std::io::Result<()> {
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

// ANCHOR: main
#[tokio::main]
async fn main() -> std::io::Result<()> {
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

    // Bob leaves without a word; the server goes on serving.
    drop(bob);
    let mut carol = TcpStream::connect(addr).await?;
    println!(
        "carol got: {}",
        round_trip(&mut carol, "where is bob?").await?
    );
    Ok(())
}

/// Sends `text`, then reads back as many bytes as it sent.
async fn round_trip(socket: &mut TcpStream, text: &str) -> std::io::Result<String> {
    socket.write_all(text.as_bytes()).await?;
    let mut back = vec![0; text.len()];
    socket.read_exact(&mut back).await?;
    Ok(String::from_utf8_lossy(&back).into_owned())
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;
    use tokio::time::timeout;

    async fn start() -> std::net::SocketAddr {
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

    #[tokio::test(flavor = "current_thread")]
    async fn the_server_goes_on_after_a_client_leaves_abruptly() {
        let addr = start().await;
        let mut bob = TcpStream::connect(addr).await.unwrap();
        bob.write_all(b"half a mess").await.unwrap();
        drop(bob); // gone, with its echo unread
        let mut carol = TcpStream::connect(addr).await.unwrap();
        assert_eq!(
            round_trip(&mut carol, "still there?").await.unwrap(),
            "still there?"
        );
    }
}
