async fn say(word: &str) {
    println!("{word}");
}

#[tokio::main]
async fn main() {
    let first = say("one");
    say("two").await;
    first.await;
}
