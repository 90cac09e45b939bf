use tokio::runtime::Handle;

async fn inner() -> usize {
    Handle::current().metrics().num_alive_tasks()
}

async fn outer() -> usize {
    inner().await
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("awaited: {}", outer().await);
    println!("spawned: {}", tokio::spawn(outer()).await.unwrap());
}
