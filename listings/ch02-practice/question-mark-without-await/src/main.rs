use std::io;

async fn read_file() -> io::Result<String> {
    tokio::fs::read_to_string("file.txt").await
}

// ANCHOR: process
async fn process() -> io::Result<()> {
    let content = read_file()?; // forgot `.await`
    println!("File content: {}", content);
    Ok(())
}
// ANCHOR_END: process

#[tokio::main]
async fn main() {
    if let Err(e) = process().await {
        eprintln!("Error: {e}");
    }
}
