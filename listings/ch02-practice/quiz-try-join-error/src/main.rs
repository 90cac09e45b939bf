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

#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    let all = tokio::try_join!(
        work("a", 100, false),
        work("b", 200, true),
        work("c", 300, false),
    );
    match all {
        Ok(_) => println!("all succeeded"),
        Err(e) => println!("error: {e}"),
    }
    sleep(Duration::from_millis(500)).await;
    println!("end");
}
