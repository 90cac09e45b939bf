use std::mem::size_of_val;
use tokio::task::yield_now;

async fn with_vec() -> usize {
    let data = vec![0u8; 1 << 20];
    yield_now().await;
    data.len()
}

async fn with_array() -> usize {
    let data = [0u8; 1 << 20];
    yield_now().await;
    data.len()
}

fn describe(size: usize) -> &'static str {
    if size < 100 {
        "under 100 bytes"
    } else if size >= 1 << 20 {
        "at least 1 MiB"
    } else {
        "in between"
    }
}

fn main() {
    println!("with_vec: {}", describe(size_of_val(&with_vec())));
    println!("with_array: {}", describe(size_of_val(&with_array())));
}
