use std::io;

async fn read_file(path: &str) -> io::Result<String> {
    tokio::fs::read_to_string(path).await
}

// ANCHOR: main
#[tokio::main]
async fn main() -> io::Result<()> {
    // Handle the error yourself...
    match read_file("missing.txt").await {
        Ok(content) => println!("Content: {}", content),
        Err(e) => println!("Could not read missing.txt: {}", e),
    }

    // ...or let `?` return it from main, which ends the program.
    let content = read_file("missing.txt").await?;
    println!("Content: {}", content); // never printed
    Ok(())
}
// ANCHOR_END: main
