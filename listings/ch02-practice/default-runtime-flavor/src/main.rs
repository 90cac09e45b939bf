// ANCHOR: all
use tokio::runtime::Handle;

#[tokio::main]
async fn main() {
    println!("runtime flavor: {:?}", Handle::current().runtime_flavor());

    let spawned_on = tokio::spawn(async { std::thread::current().name().map(String::from) })
        .await
        .unwrap();
    println!("main runs on thread {:?}", std::thread::current().name());
    println!("a spawned task ran on thread {spawned_on:?}");
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use tokio::runtime::{Builder, RuntimeFlavor};

    // The claim: the multi-thread runtime (what `#[tokio::main]` builds)
    // runs spawned tasks on its worker threads, never on the thread that
    // called `block_on`.
    #[test]
    fn spawned_tasks_run_on_worker_threads() {
        let runtime = Builder::new_multi_thread()
            .worker_threads(2)
            .build()
            .unwrap();
        assert_eq!(
            runtime.handle().runtime_flavor(),
            RuntimeFlavor::MultiThread
        );
        let caller = std::thread::current().id();
        let ran_on = runtime.block_on(async {
            tokio::spawn(async { std::thread::current().id() })
                .await
                .unwrap()
        });
        assert_ne!(ran_on, caller);
    }
}
