// ANCHOR: all
use std::rc::Rc;
use tokio::time::{Duration, sleep};

// A single thread, and still `spawn` wants `Send`.
#[tokio::main(flavor = "current_thread")]
async fn main() {
    let handle = tokio::spawn(async {
        let hits = Rc::new(1); // `Rc` is not `Send`
        sleep(Duration::from_millis(10)).await;
        println!("hits: {hits}");
    });
    handle.await.unwrap();
}
// ANCHOR_END: all
