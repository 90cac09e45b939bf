// ANCHOR: all
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Page-view counts, shared by every task that handles a request. Cloning
/// it clones the `Arc`: one more owner of the same map.
#[derive(Clone, Default)]
struct PageViews(Arc<Mutex<HashMap<String, u64>>>);

impl PageViews {
    /// Plain methods, not `async`: the lock cannot be held across an `.await`.
    fn record(&self, page: &str) {
        let mut views = self.0.lock().unwrap();
        *views.entry(page.to_string()).or_default() += 1;
    } // the guard is dropped here, and the mutex unlocked

    fn get(&self, page: &str) -> u64 {
        self.0.lock().unwrap().get(page).copied().unwrap_or(0)
    }
}

async fn handle_request(views: PageViews, page: &'static str) {
    // ... the request's async work would go here ...
    views.record(page);
}

#[tokio::main]
async fn main() {
    let views = PageViews::default();
    let mut handles = Vec::new();
    for page in ["/", "/about", "/", "/", "/about"] {
        handles.push(tokio::spawn(handle_request(views.clone(), page)));
    }
    for handle in handles {
        handle.await.unwrap();
    }
    println!("/: {}, /about: {}", views.get("/"), views.get("/about"));
}
// ANCHOR_END: all

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn no_view_is_lost_when_a_thousand_tasks_record_at_once() {
        let views = PageViews::default();
        let handles: Vec<_> = (0..1000)
            .map(|_| tokio::spawn(handle_request(views.clone(), "/")))
            .collect();
        for handle in handles {
            handle.await.unwrap();
        }
        assert_eq!(views.get("/"), 1000);
    }

    #[test]
    fn a_panic_while_the_lock_is_held_poisons_a_std_mutex() {
        let views = PageViews::default();
        let clone = views.clone();
        std::thread::spawn(move || {
            let _guard = clone.0.lock().unwrap();
            panic!("panicked while holding the lock");
        })
        .join()
        .unwrap_err();
        assert!(views.0.lock().is_err(), "lock() reports the poisoning");
    }
}
