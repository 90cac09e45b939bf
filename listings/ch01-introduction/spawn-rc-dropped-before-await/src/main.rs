// ANCHOR: all
use std::rc::Rc;
use tokio::task::JoinHandle;
use tokio::time::{Duration, sleep};

/// `hits` is dropped before the `.await`, but it was borrowed first.
fn dropped_after_use() -> JoinHandle<()> {
    tokio::spawn(async {
        let hits = Rc::new(1);
        println!("hits: {hits}");
        drop(hits);
        sleep(Duration::from_millis(10)).await;
    })
}

/// `hits` is captured by the future, then dropped before the `.await`.
fn captured(hits: Rc<u32>) -> JoinHandle<()> {
    tokio::spawn(async move {
        drop(hits);
        sleep(Duration::from_millis(10)).await;
    })
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    dropped_after_use().await.unwrap();
    captured(Rc::new(2)).await.unwrap();
}
// ANCHOR_END: all
