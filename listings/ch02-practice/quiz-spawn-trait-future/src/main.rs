use std::future::Future;
use std::rc::Rc;

trait Counter {
    fn next(&self) -> impl Future<Output = u32> + Send;
}

struct Local;

impl Counter for Local {
    async fn next(&self) -> u32 {
        let value = {
            let step = Rc::new(1);
            *step + 1
        };
        tokio::task::yield_now().await;
        value
    }
}

#[tokio::main]
async fn main() {
    let value = tokio::spawn(Local.next()).await.unwrap();
    println!("{value}");
}
