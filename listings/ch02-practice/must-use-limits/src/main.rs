// ANCHOR: all
// Make the compiler's warning an error, to see exactly what it catches.
#![deny(unused_must_use)]

use std::sync::atomic::{AtomicUsize, Ordering};

static EMAILS_SENT: AtomicUsize = AtomicUsize::new(0);

async fn send_email(to: &str) {
    println!("sending an email to {to}");
    EMAILS_SENT.fetch_add(1, Ordering::SeqCst);
}

async fn forget_to_await() {
    // send_email("ann@example.com"); // error: unused implementer of `Future`

    #[expect(clippy::let_underscore_future)] // Clippy sees this one; rustc does not
    let _ = send_email("bob@example.com");

    let reminder = send_email("cy@example.com"); // a future with a name...
    drop(reminder); // ...dropped unpolled: no warning from anyone
}

#[tokio::main]
async fn main() {
    forget_to_await().await;
    println!("emails sent: {}", EMAILS_SENT.load(Ordering::SeqCst));
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use super::*;

    // This crate denies `unused_must_use`, so compiling it at all shows that
    // neither `let _ =` nor a named, dropped future trips the lint; and
    // neither future ever runs.
    #[tokio::test]
    async fn let_underscore_and_a_dropped_binding_compile_and_send_nothing() {
        forget_to_await().await;
        assert_eq!(EMAILS_SENT.load(Ordering::SeqCst), 0);
    }
}
