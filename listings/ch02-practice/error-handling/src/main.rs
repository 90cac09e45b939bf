// ANCHOR: question_mark
use std::io;

async fn read_file() -> io::Result<String> {
    tokio::fs::read_to_string("file.txt").await
}

async fn process() -> io::Result<()> {
    let content = read_file().await?;
    println!("File content: {}", content);
    Ok(())
}
// ANCHOR_END: question_mark

// ANCHOR: main
async fn run_and_report() {
    match process().await {
        Ok(_) => println!("Success!"),
        Err(e) => eprintln!("Error: {}", e),
    }
}

#[tokio::main]
async fn main() -> io::Result<()> {
    // No file.txt yet: the error path.
    run_and_report().await;

    // Now the success path.
    tokio::fs::write("file.txt", "hello from file.txt").await?;
    run_and_report().await;

    tokio::fs::remove_file("file.txt").await // leave the folder as we found it
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;

    // `?` converts the error with `From` into `process`'s error type, which
    // is `io::Error` too: the caller gets the error as it was, `NotFound`.
    // (The test runs in the crate's folder, which has no file.txt.)
    #[tokio::test]
    async fn a_missing_file_is_a_not_found_error_for_the_caller() {
        let error = process().await.unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::NotFound);
    }
}
