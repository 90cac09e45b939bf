use std::sync::atomic::{AtomicUsize, Ordering};

/// How many times `send_email`'s body has run (read by the test).
static EMAILS_SENT: AtomicUsize = AtomicUsize::new(0);

// ANCHOR: all
async fn send_email(to: &str) -> Result<(), String> {
    println!("sending an email to {to}");
    EMAILS_SENT.fetch_add(1, Ordering::SeqCst);
    if to.contains('@') {
        Ok(())
    } else {
        Err(format!("{to:?} is not an address"))
    }
}

#[tokio::main]
async fn main() {
    let future = send_email("ann@example.com"); // creates a future, runs nothing
    drop(future); // dropped without being awaited: its body never runs
    println!("dropped a future without awaiting it");

    // The error only exists once the future has run, so await it, then look.
    match send_email("bob").await {
        Ok(()) => println!("sent"),
        Err(e) => println!("could not send: {e}"),
    }
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use super::*;

    // The claim: a future that is created and dropped never runs its body;
    // one that is awaited runs it once. (The only test in this crate that
    // touches the counter, so no other test can change it meanwhile.)
    #[tokio::test]
    async fn a_dropped_future_never_runs_its_body() {
        drop(send_email("ann@example.com"));
        assert_eq!(EMAILS_SENT.load(Ordering::SeqCst), 0);

        assert_eq!(send_email("ann@example.com").await, Ok(()));
        assert_eq!(EMAILS_SENT.load(Ordering::SeqCst), 1);
    }
}
