// ANCHOR: all
// Make the warning an error, so that it cannot be missed.
#![deny(unused_must_use)]

async fn fetch_data() -> String {
    println!("fetch_data is running");
    String::from("data")
}

#[tokio::main]
async fn main() {
    fetch_data(); // forgot `.await`
    println!("main is done");
}
// ANCHOR_END: all
