use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::timeout;

async fn serve(listener: TcpListener) {
    loop {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut buf = [0u8; 64];
        while let Ok(n @ 1..) = socket.read(&mut buf).await {
            socket.write_all(&buf[..n]).await.unwrap();
        }
    }
}

#[tokio::main]
async fn main() {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(serve(listener));

    let first = TcpStream::connect(addr).await.unwrap();
    let mut second = TcpStream::connect(addr).await.unwrap();
    second.write_all(b"hi").await.unwrap();
    let mut reply = [0u8; 2];
    let wait = Duration::from_millis(100);
    match timeout(wait, second.read_exact(&mut reply)).await {
        Ok(_) => println!("second: answered"),
        Err(_) => println!("second: no answer after 100 ms"),
    }
    drop(first);
    second.read_exact(&mut reply).await.unwrap();
    println!("second: answered after first left");
}
