// ANCHOR: all
use tokio::runtime::Handle;

#[tokio::main(flavor = "multi_thread", worker_threads = 3)]
async fn main() {
    println!(
        "worker threads: {}",
        Handle::current().metrics().num_workers()
    );
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use tokio::runtime::Handle;

    #[tokio::main(flavor = "multi_thread", worker_threads = 3)]
    async fn workers() -> usize {
        Handle::current().metrics().num_workers()
    }

    #[test]
    fn the_macro_can_set_the_number_of_workers() {
        assert_eq!(workers(), 3);
    }
}
