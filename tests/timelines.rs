//! The concurrency timelines in `src/img/timeline-*.svg` are recorded, not
//! drawn by hand: each scenario below runs a listing's own async functions on
//! Tokio's paused clock, traced lane by lane (see `harness/timeline.rs`), and
//! the drawing must equal the committed SVG.
//!
//! Each listing's `src/main.rs` is compiled here, inside a module, with
//! `include!`, so that the scenario can call its private functions. A
//! scenario composes them as the listing's `main` does (its comment says
//! which lines); that composition is the one part written here. This test
//! runs without libtest's harness (`harness = false`), so `cfg(test)` is off
//! and the listings' own test modules are left out (they run in their crates).

#[path = "harness/timeline.rs"]
mod timeline;

use async_book_harness::{chapters, relative, root};
use libtest_mimic::{Arguments, Failed, Trial};
use std::collections::BTreeSet;
use std::fs;
use timeline::{Lane, record, svg};

/// Each timeline: the listing's code as a module, the file under `src/img/`,
/// its title (the accessible name of the picture), and the scenario it records.
macro_rules! timelines {
    ($($name:ident, $path:literal, $file:literal, $title:literal, $scenario:item),* $(,)?) => {
        $(
            // Its `main` is not called here; clippy's test build keeps the
            // listing's test module, without its tests.
            #[allow(dead_code, unused_imports)]
            mod $name {
                use crate::timeline::Recorder;
                $scenario
                // Last, since the listing ends with its test module.
                include!($path);
            }
        )*
        fn timelines() -> Vec<(&'static str, &'static str, Vec<Lane>)> {
            vec![$(($file, $title, record($name::scenario))),*]
        }
    };
}

timelines!(
    sequential_awaits,
    "../listings/ch01-introduction/sequential-awaits/src/main.rs",
    "timeline-sequential-awaits.svg",
    "Sequential awaits: fetch_two starts only when fetch_one has finished, 2 s in all",
    /// As its `main`: `fetch_one().await`, then `fetch_two().await`.
    pub async fn scenario(rec: Recorder) {
        rec.traced("fetch_one()", fetch_one()).await;
        rec.traced("fetch_two()", fetch_two()).await;
    },
    join_two_futures,
    "../listings/ch01-introduction/join-two-futures/src/main.rs",
    "timeline-join.svg",
    "join!: fetch_one and fetch_two wait at the same time, 1 s in all",
    /// As its `main`: `tokio::join!(fetch_one(), fetch_two())`.
    pub async fn scenario(rec: Recorder) {
        tokio::join!(
            rec.traced("fetch_one()", fetch_one()),
            rec.traced("fetch_two()", fetch_two())
        );
    },
    select_timeout,
    "../listings/ch01-introduction/select-timeout/src/main.rs",
    "timeline-select-timeout.svg",
    "select! with a timeout: the 1 s sleep finishes first and slow_operation is dropped",
    /// As its `main`: `select!` between `slow_operation()` and a 1 s `sleep`.
    pub async fn scenario(rec: Recorder) {
        tokio::select! {
            _ = rec.traced("slow_operation()", slow_operation()) => {}
            _ = rec.traced("sleep(1 s)", sleep(Duration::from_secs(1))) => {}
        }
    },
    join_handles,
    "../listings/ch01-introduction/exercise-join-handles-solution/src/main.rs",
    "timeline-spawn.svg",
    "Spawned tasks run at once; awaiting their handles in turn takes as long as the slowest",
    /// As its `sum_of_squares(&[1, 2, 3])`: spawn a task per number, then
    /// await each handle in turn.
    pub async fn scenario(rec: Recorder) {
        let handles: Vec<_> = [1, 2, 3]
            .into_iter()
            .map(|n| tokio::spawn(rec.traced(&format!("square({n}) task"), square(n))))
            .collect();
        rec.traced("awaiting the handles", async {
            for handle in handles {
                handle.await.unwrap();
            }
        })
        .await;
    },
    backoff,
    "../listings/ch01-introduction/exercise-backoff-solution/src/main.rs",
    "timeline-backoff.svg",
    "Retry with back-off: call_with_retry wakes after 100 ms, 200 ms and 400 ms of waiting",
    /// As its `main`: a service that fails 3 times, up to 5 attempts.
    pub async fn scenario(rec: Recorder) {
        let mut service = Flaky {
            failures: 3,
            calls: 0,
        };
        let _ = rec
            .traced("call_with_retry()", call_with_retry(&mut service, 5))
            .await;
    },
    graceful_shutdown,
    "../listings/ch03-service/graceful-shutdown/src/main.rs",
    "timeline-graceful-shutdown.svg",
    "Graceful shutdown: the idle connection says BYE at 100 ms; the busy one finishes its request at 300 ms, and the wait ends then",
    /// As its tests: two connections over in-memory pipes, one with a
    /// 300 ms request under way, one idle; shutdown is signalled at 100 ms,
    /// then `wait_for_connections` waits for both. Each client reads until
    /// the server closes the connection, then closes its own side.
    pub async fn scenario(rec: Recorder) {
        let connections = TaskTracker::new();
        let shutdown = CancellationToken::new();
        for (lane, request) in [
            ("connection: WORK 300", Some("WORK 300")),
            ("connection: idle", None),
        ] {
            let (client, server) = tokio::io::duplex(1024);
            let served = handle(server, Db::default(), shutdown.clone());
            connections.spawn(rec.traced(lane, served));
            let mut client = Framed::new(client, LinesCodec::new());
            if let Some(request) = request {
                client.send(request).await.unwrap();
                client.next().await.unwrap().unwrap(); // WORKING
            }
            tokio::spawn(async move { while client.next().await.is_some() {} });
        }
        rec.traced("signal: cancel() at 100 ms", async {
            sleep(Duration::from_millis(100)).await;
            shutdown.cancel();
        })
        .await;
        let waiting = wait_for_connections(&connections, Duration::from_secs(5));
        rec.traced("wait_for_connections()", waiting).await;
    }
);

fn main() {
    let trials = vec![
        Trial::test("every_timeline_is_what_its_listing_does", recorded),
        Trial::test("every_timeline_is_small_and_shown_on_a_page", shown),
    ];
    libtest_mimic::run(&Arguments::from_args(), trials).exit();
}

/// Fails with every problem, one per line, then what to do about them.
fn none(problems: Vec<String>, what_to_do: &str) -> Result<(), Failed> {
    if problems.is_empty() {
        return Ok(());
    }
    Err(format!("\n{}\n{what_to_do}", problems.join("\n")).into())
}

/// Every timeline is what its listing does now.
fn recorded() -> Result<(), Failed> {
    let overwrite = std::env::var("SNAPSHOTS").is_ok_and(|v| v == "overwrite");
    let mut problems = Vec::new();
    for (file, title, lanes) in timelines() {
        let drawn = svg(file.trim_end_matches(".svg"), title, &lanes);
        let path = root().join("src").join("img").join(file);
        if fs::read_to_string(&path).ok().as_deref() == Some(drawn.as_str()) {
            continue;
        }
        if overwrite {
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, &drawn).unwrap();
        } else {
            problems.push(format!(
                "{} is not what the code does now; recorded lanes:\n{lanes:#?}",
                relative(&path).display()
            ));
        }
    }
    none(
        problems,
        "\nIf the change is right, re-record with\n    SNAPSHOTS=overwrite cargo test --test timelines\nand review the pictures.\n",
    )
}

/// Every timeline is small and shown on a page.
fn shown() -> Result<(), Failed> {
    let made: BTreeSet<_> = timelines().into_iter().map(|(f, _, _)| f).collect();
    let shown: BTreeSet<_> = chapters::book_includes()
        .into_iter()
        .map(|inc| inc.target)
        .collect();
    let mut problems = Vec::new();
    for path in chapters::files_with_extension(&root().join("src").join("img"), "") {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let rel = relative(&path).display().to_string();
        if !name.starts_with("timeline-") {
            continue;
        }
        if !made.contains(name.as_str()) {
            problems.push(format!(
                "{rel}: no scenario in tests/timelines.rs records it (stale? delete it)"
            ));
        }
        if !shown.contains(&path) {
            problems.push(format!(
                "{rel}: no page includes it (`{{{{#include ../img/{name}}}}}`)"
            ));
        }
        let size = fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        if size > 8 * 1024 {
            problems.push(format!("{rel}: {size} bytes; keep a timeline under 8 KB"));
        }
    }
    none(problems, "")
}
