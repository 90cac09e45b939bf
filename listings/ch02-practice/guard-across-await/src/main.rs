use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

// ANCHOR: all
/// Stands for an async call, such as writing a log line to a socket.
async fn log_visit(page: &str) {
    tokio::time::sleep(Duration::from_millis(10)).await;
    println!("visited {page}");
}

async fn handle_request(views: Arc<Mutex<HashMap<String, u64>>>, page: &'static str) {
    let mut views = views.lock().unwrap();
    *views.entry(page.to_string()).or_default() += 1;
    log_visit(page).await; // the guard `views` is still alive here
}

#[tokio::main]
async fn main() {
    let views = Arc::default();
    tokio::spawn(handle_request(views, "/")).await.unwrap();
}
// ANCHOR_END: all
