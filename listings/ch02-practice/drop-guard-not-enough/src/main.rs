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
    let mut views = views.lock().unwrap();
    *views.entry(page.to_string()).or_default() += 1;
    drop(views); // unlocks the mutex, but the compiler still counts `views` as held
    log_visit(page).await;
}
// ANCHOR_END: handle_request

#[tokio::main]
async fn main() {
    let views = Arc::default();
    tokio::spawn(handle_request(views, "/")).await.unwrap();
}
