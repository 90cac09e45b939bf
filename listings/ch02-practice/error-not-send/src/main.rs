// ANCHOR: all
use std::error::Error;

async fn parse(input: &str) -> Result<u32, Box<dyn Error>> {
    Ok(input.trim().parse()?)
}

#[tokio::main]
async fn main() {
    let handle = tokio::spawn(parse(" 42 "));
    println!("{:?}", handle.await);
}
// ANCHOR_END: all
