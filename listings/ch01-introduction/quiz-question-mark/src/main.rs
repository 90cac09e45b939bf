use std::num::ParseIntError;

async fn double(text: &str) -> Result<i32, ParseIntError> {
    let n: i32 = text.parse()?;
    println!("parsed {n}");
    Ok(n * 2)
}

#[tokio::main]
async fn main() {
    println!("{:?}", double("21").await);
    println!("{}", double("twenty").await.is_err());
}
