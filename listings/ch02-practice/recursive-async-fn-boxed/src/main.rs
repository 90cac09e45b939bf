// ANCHOR: all
/// Counts the files in a directory tree (here, a tree of `depth` levels,
/// each directory holding two files and two subdirectories).
async fn count_files(depth: u32) -> u64 {
    if depth == 0 {
        return 2;
    }
    // Each recursive call's future lives in its own heap allocation.
    2 + Box::pin(count_files(depth - 1)).await + Box::pin(count_files(depth - 1)).await
}

#[tokio::main]
async fn main() {
    println!("{} files", count_files(3).await);
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use super::*;

    // A tree of depth 3: 2 files at each of 1 + 2 + 4 + 8 directories.
    #[tokio::test]
    async fn boxed_recursion_compiles_and_counts_every_file() {
        assert_eq!(count_files(3).await, 30);
    }
}
