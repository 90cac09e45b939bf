use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Stands for an async call, such as writing a log line to a socket.
async fn log_visit(page: &str) {
    tokio::time::sleep(Duration::from_millis(10)).await;
    println!("visited {page}");
}

// ANCHOR: handle_request
async fn handle_request(views: Arc<Mutex<HashMap<String, u64>>>, page: &'static str) {
    {
        let mut views = views.lock().unwrap();
        *views.entry(page.to_string()).or_default() += 1;
    } // the guard's scope ends here, before the `.await`
    log_visit(page).await;
}
// ANCHOR_END: handle_request

#[tokio::main]
async fn main() {
    let views = Arc::default();
    tokio::spawn(handle_request(Arc::clone(&views), "/"))
        .await
        .unwrap();
    println!("views: {:?}", views.lock().unwrap());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_send<T: Send>(_: &T) {}

    #[tokio::test(start_paused = true)]
    async fn with_the_guard_in_a_block_the_future_is_send() {
        let views: Arc<Mutex<HashMap<String, u64>>> = Arc::default();
        let future = handle_request(Arc::clone(&views), "/");
        is_send(&future);
        tokio::spawn(future).await.unwrap();
        assert_eq!(views.lock().unwrap()["/"], 1);
    }
}
