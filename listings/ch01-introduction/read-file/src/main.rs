// ANCHOR: all
use std::io;

async fn read_file(path: &str) -> io::Result<String> {
    tokio::fs::read_to_string(path).await
}

#[tokio::main]
async fn main() -> io::Result<()> {
    // Write the file first, so that there is something to read.
    tokio::fs::write("hello.txt", "Hello from hello.txt!").await?;

    let content = read_file("hello.txt").await?;
    println!("Content: {}", content);
    Ok(())
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn read_file_returns_the_contents() {
        let path = std::env::temp_dir().join(format!("ch01-read-file-{}.txt", std::process::id()));
        tokio::fs::write(&path, "some text").await.unwrap();
        let content = read_file(path.to_str().unwrap()).await;
        tokio::fs::remove_file(&path).await.unwrap();
        assert_eq!(content.unwrap(), "some text");
    }

    // `?` inside `read_file`'s caller, or `read_file`'s own result: a missing
    // file is an `Err` of kind `NotFound`, not a panic.
    #[tokio::test]
    async fn a_missing_file_is_an_error() {
        let error = read_file("this-file-does-not-exist.txt").await.unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::NotFound);
    }

    // A current-thread runtime has no worker threads: any thread it starts
    // belongs to its blocking pool. Reading a file starts one, because
    // `tokio::fs` runs the blocking `std::fs` call there.
    #[test]
    fn tokio_fs_runs_the_read_on_the_blocking_pool() {
        let started = Arc::new(AtomicUsize::new(0));
        let counter = Arc::clone(&started);
        let runtime = tokio::runtime::Builder::new_current_thread()
            .on_thread_start(move || {
                counter.fetch_add(1, Ordering::SeqCst);
            })
            .build()
            .unwrap();
        assert_eq!(started.load(Ordering::SeqCst), 0);
        let result = runtime.block_on(read_file("this-file-does-not-exist.txt"));
        assert!(result.is_err());
        assert!(started.load(Ordering::SeqCst) >= 1);
    }
}
