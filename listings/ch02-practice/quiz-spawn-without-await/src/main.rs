use std::time::Duration;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let _handle = tokio::spawn(async {
        println!("task runs");
    });
    println!("spawned");
    tokio::time::sleep(Duration::from_millis(100)).await;
    println!("main ends");
}
