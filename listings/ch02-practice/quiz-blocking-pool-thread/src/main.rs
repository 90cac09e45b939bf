use std::thread;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let runtime_thread = thread::current().id();
    let task_thread = tokio::spawn(async { thread::current().id() })
        .await
        .unwrap();
    let blocking_thread = tokio::task::spawn_blocking(|| thread::current().id())
        .await
        .unwrap();
    println!("spawn: {}", task_thread == runtime_thread);
    println!("spawn_blocking: {}", blocking_thread == runtime_thread);
}
