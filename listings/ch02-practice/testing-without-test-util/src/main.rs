// ANCHOR: all
#[tokio::main(flavor = "current_thread", start_paused = true)]
async fn main() {
    tokio::time::pause();
    println!("paused");
}
// ANCHOR_END: all
