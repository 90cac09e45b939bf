use std::time::Duration;
use tokio::time::sleep;

async fn work(name: &str, ms: u64, fail: bool) -> Result<(), String> {
    sleep(Duration::from_millis(ms)).await;
    if fail {
        return Err(format!("{name} failed"));
    }
    println!("{name} succeeded");
    Ok(())
}

#[tokio::main]
async fn main() {
    match tokio::try_join!(work("a", 400, false), work("b", 100, true)) {
        Ok(_) => println!("both succeeded"),
        Err(e) => println!("error: {e}"),
    }
    sleep(Duration::from_millis(600)).await;
    println!("end");
}
