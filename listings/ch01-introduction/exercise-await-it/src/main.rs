use std::sync::atomic::{AtomicU32, Ordering};

// ANCHOR: exercise
/// How many greetings have been sent.
static SENT: AtomicU32 = AtomicU32::new(0);

async fn send_greeting(name: &str) {
    println!("Hello, {name}!");
    SENT.fetch_add(1, Ordering::SeqCst);
}

/// Greets everyone.
/// TODO: nobody is greeted. Find out why, and fix it.
async fn greet_all(names: &[&str]) {
    for name in names {
        let _greeting = send_greeting(name);
    }
}

#[tokio::main]
async fn main() {
    greet_all(&["Ann", "Bob"]).await;
    println!("greetings sent: {}", SENT.load(Ordering::SeqCst));
}
// ANCHOR_END: exercise

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    #[ignore = "exercise: run with `cargo test -p ch01-exercise-await-it -- --include-ignored`"]
    async fn everyone_is_greeted() {
        let before = SENT.load(Ordering::SeqCst);
        greet_all(&["Ann", "Bob", "Cy"]).await;
        assert_eq!(
            SENT.load(Ordering::SeqCst) - before,
            3,
            "each name must be greeted once"
        );
    }
}
