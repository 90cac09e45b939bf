use tokio::time::{Duration, sleep};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    tokio::spawn(async {
        println!("task starts");
        sleep(Duration::from_millis(50)).await;
        println!("task ends");
    });
    println!("main ends");
}
