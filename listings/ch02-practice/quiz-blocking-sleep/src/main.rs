use std::time::{Duration, Instant};

async fn work(name: &str) {
    std::thread::sleep(Duration::from_millis(200));
    println!("{name} done");
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let start = Instant::now();
    tokio::join!(work("a"), work("b"));
    if start.elapsed() >= Duration::from_millis(400) {
        println!("400 ms or more");
    } else {
        println!("less than 400 ms");
    }
}
