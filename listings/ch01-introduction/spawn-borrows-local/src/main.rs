// ANCHOR: all
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let name = String::from("Ann");
    let handle = tokio::spawn(async {
        println!("Hello, {name}!");
    });
    handle.await.unwrap(); // `main` waits, but the compiler cannot rely on it
}
// ANCHOR_END: all
