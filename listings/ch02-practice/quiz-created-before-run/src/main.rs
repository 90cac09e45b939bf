async fn greet() -> u32 {
    println!("greet runs");
    42
}

#[tokio::main]
async fn main() {
    let future = greet();
    println!("future created");
    let n = future.await;
    println!("got {n}");
}
