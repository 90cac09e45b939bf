#[tokio::main(flavor = "current_thread")]
async fn main() {
    let data: Vec<u64> = vec![1, 2, 3];
    let copy = data.clone();
    let sum = tokio::task::spawn_blocking(move || copy.iter().sum::<u64>())
        .await
        .unwrap();
    println!("spawn_blocking: {sum}");
    let in_place =
        tokio::spawn(async move { tokio::task::block_in_place(|| data.iter().sum::<u64>()) });
    match in_place.await {
        Ok(sum) => println!("block_in_place: {sum}"),
        Err(error) => println!("the task failed; panic: {}", error.is_panic()),
    }
    println!("main ends");
}
