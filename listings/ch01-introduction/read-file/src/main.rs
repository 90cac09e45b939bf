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

    // The claim: read_file gives back what is in the file.
    #[tokio::test]
    async fn read_file_returns_the_contents() {
        let path = std::env::temp_dir().join(format!("ch01-read-file-{}.txt", std::process::id()));
        tokio::fs::write(&path, "some text").await.unwrap();
        let content = read_file(path.to_str().unwrap()).await;
        tokio::fs::remove_file(&path).await.unwrap();
        assert_eq!(content.unwrap(), "some text");
    }

    // The claim: a missing file is an Err (of kind NotFound), not a panic.
    #[tokio::test]
    async fn a_missing_file_is_an_error() {
        let error = read_file("this-file-does-not-exist.txt").await.unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::NotFound);
    }
}
