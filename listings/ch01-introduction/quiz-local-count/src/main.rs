use std::cell::Cell;
use std::rc::Rc;
use tokio::time::{Duration, sleep};

#[tokio::main(flavor = "local")]
async fn main() {
    let count = Rc::new(Cell::new(0));
    let task_count = Rc::clone(&count);
    let task = tokio::task::spawn_local(async move {
        for _ in 0..3 {
            task_count.set(task_count.get() + 1);
            sleep(Duration::from_millis(1)).await;
        }
    });
    println!("before: {}", count.get());
    task.await.unwrap();
    println!("after: {}", count.get());
}
