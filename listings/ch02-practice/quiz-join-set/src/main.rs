use std::time::Duration;
use tokio::task::JoinSet;
use tokio::time::sleep;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut set = JoinSet::new();
    for (name, ms) in [("a", 900), ("b", 100), ("c", 800)] {
        set.spawn(async move {
            sleep(Duration::from_millis(ms)).await;
            println!("{name} finished");
            name
        });
    }
    let first = set.join_next().await.unwrap().unwrap();
    println!("first: {first}");
    drop(set);
    sleep(Duration::from_millis(900)).await;
    println!("done");
}
