// ANCHOR: all
/// Counts the files in a directory tree (here, a tree of `depth` levels,
/// each directory holding two files and two subdirectories).
async fn count_files(depth: u32) -> u64 {
    if depth == 0 {
        return 2;
    }
    2 + count_files(depth - 1).await + count_files(depth - 1).await
}

#[tokio::main]
async fn main() {
    println!("{} files", count_files(3).await);
}
// ANCHOR_END: all
