use std::mem::size_of_val;

fn checksum(buf: &[u8]) -> u32 {
    buf.iter().map(|&b| u32::from(b)).sum()
}

async fn send(sum: u32) {
    println!("sending {sum}");
}

async fn a() {
    let buf = [1u8; 65536];
    let sum = checksum(&buf);
    send(sum).await;
}

async fn b() {
    let sum = {
        let buf = [1u8; 65536];
        checksum(&buf)
    };
    send(sum).await;
}

async fn c() {
    let buf = [1u8; 65536];
    send(checksum(&buf)).await;
    println!("sent a checksum of {} bytes", buf.len());
}

fn main() {
    println!("a holds buf: {}", size_of_val(&a()) >= 65536);
    println!("b holds buf: {}", size_of_val(&b()) >= 65536);
    println!("c holds buf: {}", size_of_val(&c()) >= 65536);
}
