async fn ready_value(n: u32) -> u32 {
    n
}

async fn count(name: &str) {
    for i in 1..=2 {
        let n = ready_value(i).await;
        println!("{name} {n}");
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    tokio::join!(count("a"), count("b"));
}
