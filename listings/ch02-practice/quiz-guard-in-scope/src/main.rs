use std::sync::{Arc, Mutex};

async fn bump(counter: Arc<Mutex<u32>>) {
    let value = {
        let mut n = counter.lock().unwrap();
        *n += 1;
        *n
    };
    tokio::task::yield_now().await;
    println!("bumped to {value}");
}

#[tokio::main]
async fn main() {
    let counter = Arc::new(Mutex::new(0));
    tokio::spawn(bump(Arc::clone(&counter))).await.unwrap();
    tokio::spawn(bump(counter)).await.unwrap();
}
