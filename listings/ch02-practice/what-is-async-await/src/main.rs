// ANCHOR: all
async fn fetch_data() -> String {
    // This is an async function
    "data".to_string()
}

async fn process_data() {
    let data = fetch_data().await; // await pauses here
    println!("Got: {}", data);
}

#[tokio::main]
async fn main() {
    // `process_data()` only builds a future; the runtime that
    // `#[tokio::main]` starts runs it to the end.
    process_data().await;
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use super::*;

    // The claim: nothing in these two functions needs Tokio. The future that
    // `process_data()` returns (with `fetch_data`'s future inside it) runs on
    // any executor, here the one in the `futures` crate.
    #[test]
    fn any_executor_can_run_these_futures() {
        assert_eq!(futures::executor::block_on(fetch_data()), "data");
        futures::executor::block_on(process_data());
    }
}
