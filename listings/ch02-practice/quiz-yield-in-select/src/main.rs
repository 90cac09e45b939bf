#[tokio::main(flavor = "current_thread")]
async fn main() {
    let other = tokio::spawn(async { println!("the other task runs") });
    for round in 1..=2 {
        tokio::select! {
            () = tokio::task::yield_now() => println!("round {round}: yield_now"),
            () = std::future::ready(()) => println!("round {round}: ready"),
        }
    }
    other.await.unwrap();
}
