#[trait_variant::make(Counter: Send)]
trait LocalCounter {
    async fn next(&self) -> u32;
}

struct Plain;

impl LocalCounter for Plain {
    async fn next(&self) -> u32 {
        1
    }
}

async fn total(counter: &impl Counter) -> u32 {
    counter.next().await + counter.next().await
}

#[tokio::main]
async fn main() {
    println!("{}", total(&Plain).await);
}
