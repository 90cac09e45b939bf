// ANCHOR: all
#![deny(unused_must_use)]

async fn send_email(to: &str) {
    println!("sending an email to {to}");
}

#[tokio::main]
async fn main() {
    send_email("ann@example.com"); // forgot `.await`
}
// ANCHOR_END: all
