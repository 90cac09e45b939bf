use tokio::runtime::Handle;

async fn count() -> usize {
    Handle::current().metrics().num_alive_tasks()
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (a, b) = tokio::join!(count(), count());
    println!("joined: {a} {b}");
    let nested = tokio::spawn(async { tokio::spawn(count()).await.unwrap() });
    println!("nested: {}", nested.await.unwrap());
}
