use std::time::Duration;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let task = tokio::spawn(async {
        println!("task starts");
        tokio::time::sleep(Duration::from_millis(100)).await;
        println!("task ends");
    });
    println!("abort");
    task.abort();
    match task.await {
        Ok(()) => println!("finished"),
        Err(e) => println!("cancelled: {}", e.is_cancelled()),
    }
}
