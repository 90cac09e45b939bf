// ANCHOR: all
use tokio::runtime::{Builder, Runtime};

fn build_runtime() -> std::io::Result<Runtime> {
    Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("app-worker") // the macro cannot name threads
        .max_blocking_threads(16) // nor limit the blocking pool (default 512)
        .enable_all()
        .build()
}

fn main() -> std::io::Result<()> {
    let runtime = build_runtime()?;
    let name = runtime.block_on(async {
        tokio::spawn(async { std::thread::current().name().map(String::from) }).await
    })?;
    println!("a spawned task ran on thread {name:?}");
    Ok(())
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builder_names_the_worker_threads() {
        let runtime = build_runtime().unwrap();
        let name = runtime
            .block_on(async {
                tokio::spawn(async { std::thread::current().name().map(String::from) }).await
            })
            .unwrap();
        assert_eq!(name.as_deref(), Some("app-worker"));
        assert_eq!(runtime.metrics().num_workers(), 2);
    }
}
