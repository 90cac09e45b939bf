// ANCHOR: all
use std::error::Error;

async fn parse(input: &str) -> Result<u32, Box<dyn Error + Send>> {
    Ok(input.trim().parse::<u32>()?)
}

#[tokio::main]
async fn main() {
    let handle = tokio::spawn(parse(" 42 "));
    println!("{:?}", handle.await);
}
// ANCHOR_END: all
