#[tokio::main(flavor = "current_thread")]
async fn main() {
    let data: Vec<u64> = vec![1, 2, 3];
    let copy = data.clone();
    let sum = tokio::task::spawn_blocking(move || copy.iter().sum::<u64>())
        .await
        .unwrap();
    println!("spawn_blocking: {sum}");
    let sum = tokio::task::block_in_place(|| data.iter().sum::<u64>());
    println!("block_in_place: {sum}");
}
