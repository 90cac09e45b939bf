// ANCHOR: fetch_data
async fn fetch_data() -> String {
    println!("fetch_data is running");
    // Simulate async work
    String::from("data")
}
// ANCHOR_END: fetch_data

// ANCHOR: main
#[tokio::main]
async fn main() {
    let future = fetch_data(); // runs nothing yet: `future` is a Future
    println!("called fetch_data and got a future");

    let data = future.await; // now fetch_data runs, to the end
    println!("awaited it and got {data:?}");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::future::Future;

    fn output_of<F: Future>(_: &F) -> &'static str {
        std::any::type_name::<F::Output>()
    }

    // The claim: an async fn returns a Future, whose output is the declared
    // return type.
    #[test]
    fn an_async_fn_returns_a_future_of_its_return_type() {
        let future = fetch_data();
        assert_eq!(output_of(&future), "alloc::string::String");
    }
}
