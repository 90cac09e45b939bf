fn arg(n: u32) -> u32 {
    println!("argument {n}");
    n
}

async fn fetch(n: u32) -> u32 {
    println!("fetch {n} runs");
    n * 10
}

#[tokio::main]
async fn main() {
    let first = fetch(arg(1));
    let second = fetch(arg(2));
    println!("got {}", first.await);
    drop(second);
}
