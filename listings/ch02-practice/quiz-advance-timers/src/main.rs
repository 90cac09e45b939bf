use tokio::time::{self, Duration, Instant};

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let start = Instant::now();
    let waiter = |ms| {
        tokio::spawn(async move {
            time::sleep(Duration::from_millis(ms)).await;
            start.elapsed().as_millis()
        })
    };
    let (a, b) = (waiter(100), waiter(300));
    tokio::task::yield_now().await; // both tasks start their timers
    time::advance(Duration::from_millis(500)).await;
    println!("a woke at {} ms", a.await.unwrap());
    println!("b woke at {} ms", b.await.unwrap());
}
