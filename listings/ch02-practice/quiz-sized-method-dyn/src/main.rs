use std::future::Future;

trait Fetcher {
    fn name(&self) -> String;
    fn fetch(&self) -> impl Future<Output = String>
    where
        Self: Sized;
}

struct Api;

impl Fetcher for Api {
    fn name(&self) -> String {
        "api".to_string()
    }
    fn fetch(&self) -> impl Future<Output = String> {
        std::future::ready("data".to_string())
    }
}

fn main() {
    let _future = Api.fetch(); // created, never polled
    let fetchers: Vec<Box<dyn Fetcher>> = vec![Box::new(Api)];
    for fetcher in &fetchers {
        println!("{}", fetcher.name());
    }
    println!("{} fetcher", fetchers.len());
}
