async fn parse(input: &str) -> Result<u32, String> {
    input.trim().parse().map_err(|e| format!("{input:?}: {e}"))
}

async fn parse_in_a_task(input: &'static str) -> Result<u32, String> {
    let handle = tokio::spawn(parse(input));
    let n = handle.await??;
    Ok(n * 2)
}

#[tokio::main]
async fn main() {
    println!("{:?}", parse_in_a_task(" 21 ").await);
}
