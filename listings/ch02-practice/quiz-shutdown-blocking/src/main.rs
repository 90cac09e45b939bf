use std::time::Duration;

#[tokio::main]
async fn main() {
    tokio::spawn(async {
        tokio::time::sleep(Duration::from_secs(5)).await;
        println!("task done");
    });
    let (started, has_started) = tokio::sync::oneshot::channel();
    tokio::task::spawn_blocking(move || {
        started.send(()).unwrap();
        std::thread::sleep(Duration::from_millis(100));
        println!("closure done");
    });
    has_started.await.unwrap();
}
