#[tokio::main]
async fn main() {
    let handle = tokio::spawn(async { 6 * 7 });
    println!("{:?}", handle.await);
}
