use tokio::sync::oneshot;
use tokio::task::AbortHandle;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let (send_handle, receive_handle) = oneshot::channel::<AbortHandle>();
    let task = tokio::spawn(async move {
        receive_handle.await.unwrap().abort(); // the task aborts itself
        println!("after abort");
        let (tx, rx) = oneshot::channel();
        tx.send(1).unwrap();
        rx.await.unwrap();
        println!("after awaiting a oneshot that holds a value");
        tokio::task::yield_now().await;
        println!("after yield_now");
    });
    send_handle.send(task.abort_handle()).unwrap();
    match task.await {
        Ok(()) => println!("finished"),
        Err(e) => println!("cancelled: {}", e.is_cancelled()),
    }
}
