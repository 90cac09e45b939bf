use async_trait::async_trait;

#[async_trait]
trait DataStore {
    async fn get(&self, key: &str) -> Option<String>;
}

// ANCHOR: by_hand
use std::future::Future;
use std::pin::Pin;

/// A store that answers every key with the key in capitals.
struct Shouting;

// No `#[async_trait]` on this `impl`: the method is written as the attribute
// would write it, and it must match the trait exactly to compile.
impl DataStore for Shouting {
    fn get<'life0, 'life1, 'async_trait>(
        &'life0 self,
        key: &'life1 str,
    ) -> Pin<Box<dyn Future<Output = Option<String>> + Send + 'async_trait>>
    where
        'life0: 'async_trait,
        'life1: 'async_trait,
        Self: 'async_trait,
    {
        Box::pin(async move { Some(key.to_uppercase()) })
    }
}
// ANCHOR_END: by_hand

#[tokio::main]
async fn main() {
    let store: Box<dyn DataStore> = Box::new(Shouting);
    println!("{:?}", store.get("hello").await);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_hand_written_method_works_through_dyn() {
        let store: Box<dyn DataStore> = Box::new(Shouting);
        assert_eq!(store.get("hi").await, Some(String::from("HI")));
    }
}
