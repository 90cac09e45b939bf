trait Fetch {
    async fn fetch(&self) -> String;
}

struct Local;

impl Fetch for Local {
    async fn fetch(&self) -> String {
        "local data".to_string()
    }
}

#[tokio::main]
async fn main() {
    let source: Box<dyn Fetch> = Box::new(Local);
    println!("{}", source.fetch().await);
}
