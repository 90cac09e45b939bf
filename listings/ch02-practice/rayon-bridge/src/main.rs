use rayon::prelude::*;

/// A CPU-heavy job: it computes, and never waits.
fn checksum(data: &[u8]) -> u64 {
    data.iter().map(|&b| u64::from(b)).sum()
}

// ANCHOR: bridge
/// Runs `job` on rayon's thread pool, and waits for its result without
/// holding a thread: the task returns `Pending` at the `.await`, so its
/// worker thread runs other tasks meanwhile.
async fn on_rayon<T, F>(job: F) -> T
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let (sender, receiver) = tokio::sync::oneshot::channel();
    rayon::spawn(move || {
        // If the awaiting task was dropped, nobody wants the result.
        let _ = sender.send(job());
    });
    // The sender is dropped unsent only if `job` panicked (and a panic in a
    // `rayon::spawn` job aborts the process).
    receiver.await.expect("the job panicked")
}
// ANCHOR_END: bridge

// ANCHOR: main
#[tokio::main]
async fn main() {
    // Eight files to check: eight jobs at once, of which rayon runs as many
    // at a time as it has threads.
    let files: Vec<Vec<u8>> = (1..=8).map(|n| vec![n; 100_000]).collect();
    let jobs = files
        .into_iter()
        .map(|data| on_rayon(move || checksum(&data)));
    let sums = futures::future::join_all(jobs).await;
    println!("checksums: {sums:?}");

    // One large job, split across the whole pool by a parallel iterator.
    let numbers: Vec<u64> = (1..=1_000_000).collect();
    let total = on_rayon(move || numbers.par_iter().sum::<u64>()).await;
    println!("sum of 1..=1000000: {total}");
}
// ANCHOR_END: main

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::{Duration, Instant};

    #[tokio::test]
    async fn the_job_runs_on_a_thread_of_rayons_pool() {
        assert_eq!(rayon::current_thread_index(), None, "the test's own thread");
        let index = on_rayon(rayon::current_thread_index).await;
        assert!(index.is_some(), "the job ran on a thread of rayon's pool");
    }

    // On a current-thread runtime, the other task can run only if the task
    // that awaits the job gives the thread back. The job ends only once the
    // other task has run (the 10 s limit only turns a hang into a failure).
    #[tokio::test]
    async fn while_rayon_computes_the_tasks_thread_runs_other_tasks() {
        let (ran, other_ran) = std::sync::mpsc::channel();
        tokio::spawn(async move { ran.send(()).unwrap() });
        let other_ran_during_the_job =
            on_rayon(move || other_ran.recv_timeout(Duration::from_secs(10)).is_ok()).await;
        assert!(other_ran_during_the_job);
    }

    #[test]
    fn rayons_pool_has_one_thread_per_core_by_default() {
        // The environment variable `RAYON_NUM_THREADS` would override it.
        if std::env::var_os("RAYON_NUM_THREADS").is_none() {
            let cores = std::thread::available_parallelism().unwrap().get();
            assert_eq!(rayon::current_num_threads(), cores);
        }
    }

    /// Counts the jobs running at once, and remembers the most it saw.
    #[derive(Default)]
    struct Running {
        now: AtomicUsize,
        most: AtomicUsize,
    }

    impl Running {
        fn start(&self) {
            let now = self.now.fetch_add(1, Ordering::SeqCst) + 1;
            self.most.fetch_max(now, Ordering::SeqCst);
        }
        fn end(&self) {
            self.now.fetch_sub(1, Ordering::SeqCst);
        }
    }

    #[tokio::test]
    async fn rayon_runs_no_more_jobs_at_once_than_it_has_threads() {
        let running = Arc::new(Running::default());
        let jobs = (0..16).map(|_| {
            let running = Arc::clone(&running);
            on_rayon(move || {
                running.start();
                std::thread::sleep(Duration::from_millis(5)); // stands for computing
                running.end();
            })
        });
        futures::future::join_all(jobs).await;
        assert!(running.most.load(Ordering::SeqCst) <= rayon::current_num_threads());
    }

    // Each job waits until all sixteen have started: they can all get there
    // only if the blocking pool gives every one of them a thread at once.
    // (Each gives up after 10 s, so that a failure does not hang the test.)
    #[tokio::test]
    async fn spawn_blocking_starts_a_thread_for_every_job_at_once() {
        let running = Arc::new(Running::default());
        let jobs = (0..16).map(|_| {
            let running = Arc::clone(&running);
            tokio::task::spawn_blocking(move || {
                running.start();
                let give_up = Instant::now() + Duration::from_secs(10);
                while running.now.load(Ordering::SeqCst) < 16 && Instant::now() < give_up {
                    std::thread::sleep(Duration::from_millis(1));
                }
            })
        });
        for job in futures::future::join_all(jobs).await {
            job.unwrap();
        }
        assert_eq!(running.most.load(Ordering::SeqCst), 16);
    }
}
