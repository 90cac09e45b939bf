// ANCHOR: session
use tokio::time::{Duration, Instant};

/// A login session that expires `ttl` after it was created. It reads Tokio's
/// clock, `tokio::time::Instant`, so that tests can move that clock.
struct Session {
    created: Instant,
    ttl: Duration,
}

impl Session {
    fn new(ttl: Duration) -> Session {
        Session {
            created: Instant::now(),
            ttl,
        }
    }

    fn is_valid(&self) -> bool {
        self.created.elapsed() < self.ttl
    }
}

#[tokio::main]
async fn main() {
    let long = Session::new(Duration::from_secs(30 * 60));
    let expired = Session::new(Duration::ZERO);
    println!("a 30-minute session is valid: {}", long.is_valid());
    println!("a zero-length session is valid: {}", expired.is_valid());
}
// ANCHOR_END: session

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::time::advance;

    // ANCHOR: advance
    #[tokio::test(start_paused = true)]
    async fn a_session_expires_after_exactly_its_ttl() {
        let session = Session::new(Duration::from_secs(30 * 60));
        advance(Duration::from_secs(30 * 60 - 1)).await;
        assert!(session.is_valid());
        advance(Duration::from_secs(1)).await;
        assert!(!session.is_valid());
    }
    // ANCHOR_END: advance

    // The same session on the standard library's clock would not expire:
    // `std::time::Instant` reads the system's clock, which Tokio cannot stop
    // or move.
    #[tokio::test(start_paused = true)]
    async fn std_instant_does_not_see_the_paused_clock() {
        let created = std::time::Instant::now();
        advance(Duration::from_secs(30 * 60)).await;
        assert!(created.elapsed() < Duration::from_secs(30 * 60));
    }
}
