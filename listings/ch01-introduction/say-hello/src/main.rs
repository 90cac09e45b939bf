// ANCHOR: all
// In Cargo.toml: tokio = { version = "1", features = ["full"] }

use tokio::time::{Duration, sleep};

async fn say_hello() {
    println!("Hello");
    sleep(Duration::from_secs(1)).await;
    println!("World");
}

#[tokio::main]
async fn main() {
    say_hello().await;
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::runtime::{Handle, RuntimeFlavor};
    use tokio::time::Instant;

    // The claim: `say_hello` waits one second between its two lines.
    #[tokio::test(start_paused = true)]
    async fn say_hello_waits_exactly_one_second() {
        let start = Instant::now();
        say_hello().await;
        assert_eq!(start.elapsed(), Duration::from_secs(1));
    }

    // `#[tokio::main]` works on any async fn without arguments: it turns it
    // into a plain fn that starts a runtime and blocks on the body.
    #[tokio::main]
    async fn flavor_of_tokio_main() -> RuntimeFlavor {
        Handle::current().runtime_flavor()
    }

    #[tokio::main(flavor = "current_thread")]
    async fn flavor_of_current_thread_main() -> RuntimeFlavor {
        Handle::current().runtime_flavor()
    }

    // The claim: `#[tokio::main]` starts the multi-thread runtime unless told
    // otherwise.
    #[test]
    fn tokio_main_is_multi_threaded_by_default() {
        assert_eq!(flavor_of_tokio_main(), RuntimeFlavor::MultiThread);
        assert_eq!(
            flavor_of_current_thread_main(),
            RuntimeFlavor::CurrentThread
        );
    }
}
