// ANCHOR: all
use tokio::runtime::Handle;
use tokio::time::{Duration, sleep};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    println!("runtime flavor: {:?}", Handle::current().runtime_flavor());

    let spawned_on = tokio::spawn(async {
        sleep(Duration::from_millis(10)).await;
        std::thread::current().name().map(String::from)
    })
    .await
    .unwrap();
    println!("main runs on thread {:?}", std::thread::current().name());
    println!("a spawned task ran on thread {spawned_on:?}");
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use tokio::runtime::{Handle, RuntimeFlavor};

    // The claim: `#[tokio::test]`, unlike `#[tokio::main]`, starts a
    // current-thread runtime by default.
    #[tokio::test]
    async fn tokio_test_defaults_to_current_thread() {
        assert_eq!(
            Handle::current().runtime_flavor(),
            RuntimeFlavor::CurrentThread
        );
    }
}
