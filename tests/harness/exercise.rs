//! The exercises: each is two listing crates side by side,
//! `listings/<chapter>/exercise-<name>/` (the starter the reader edits) and
//! `exercise-<name>-solution/`, with the same tests, all `#[ignore]`d in the
//! starter so that the book's own `cargo test` stays green. The starter's
//! `[package.metadata.exercise]` names its solution and the tests that must
//! fail, each with a part of its panic message, so that a starter cannot fail
//! for the wrong reason or be "already solved" (README.md, "Adding an
//! exercise", shows the table).

use crate::listing::Listing;
use crate::runner::{self, BuildReport};
use regex::Regex;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;

#[derive(Debug, Clone)]
pub struct Exercise {
    pub starter: Listing,
    pub solution: Listing,
    /// Test name (`tests::...`) to a part of its panic message.
    pub failing_tests: BTreeMap<String, String>,
}

/// `[package.metadata.exercise]`, read with the listing (see [`Listing::exercise`]).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ExerciseMetadata {
    solution: String,
    failing_tests: BTreeMap<String, String>,
}

/// Every exercise among the listings, or the problems that stop one being read.
pub fn all(listings: &[Listing]) -> (Vec<Exercise>, Vec<String>) {
    let mut exercises = Vec::new();
    let mut problems = Vec::new();
    let is_exercise = |l: &&Listing| l.rel_dir().to_string_lossy().contains("/exercise-");
    for l in listings.iter().filter(is_exercise) {
        let Some(meta) = &l.exercise else {
            let solution_of =
                |s: &Listing| s.exercise.as_ref().is_some_and(|m| m.solution == l.package);
            if !listings.iter().any(solution_of) {
                problems.push(format!(
                    "{}: an exercise crate that is neither a starter (with [package.metadata.exercise]) \
                     nor the solution of one",
                    l.rel_dir().display()
                ));
            }
            continue;
        };
        let manifest = l.rel_dir().join("Cargo.toml").display().to_string();
        let Some(solution) = listings.iter().find(|s| s.package == meta.solution) else {
            problems.push(format!(
                "{manifest}: its solution {} is not a listing",
                meta.solution
            ));
            continue;
        };
        if meta.failing_tests.is_empty() {
            problems.push(format!(
                "{manifest}: no failing-tests: what must the reader make pass?"
            ));
        }
        exercises.push(Exercise {
            starter: l.clone(),
            solution: solution.clone(),
            failing_tests: meta.failing_tests.clone(),
        });
    }
    (exercises, problems)
}

/// The `#[cfg(test)]` module at the bottom of a listing's `src/main.rs`.
pub fn tests_module(l: &Listing) -> Option<String> {
    let text = fs::read_to_string(l.dir.join("src").join("main.rs")).ok()?;
    let start = text.find("#[cfg(test)]")?;
    Some(text[start..].to_owned())
}

pub fn is_ignore(line: &str) -> bool {
    line.trim_start().starts_with("#[ignore")
}

pub fn is_test_attribute(line: &str) -> bool {
    let line = line.trim_start();
    line.starts_with("#[test]") || line.starts_with("#[tokio::test")
}

/// What `cargo test -p <package> -- --include-ignored` did.
#[derive(Debug, Default)]
pub struct TestRun {
    pub passed: BTreeSet<String>,
    /// Failed test to its captured output (the panic message is in it).
    pub failed: BTreeMap<String, String>,
    pub log: String,
}

/// Runs a listing's own tests, the ignored ones included, as a reader would
/// with `cargo test -p <package> -- --include-ignored` (the harness built
/// them once for every listing, see [`crate::runner`]).
///
/// A starter may hang rather than fail (a hand-written future that never
/// wakes its task): after [`runner::RUN_TIME_LIMIT`] the run is stopped, and the log
/// says so.
pub fn run_tests(l: &Listing, report: &BuildReport) -> TestRun {
    let mut run = TestRun::default();
    let (_, mut stdout) = runner::run_tests(l, report, &["--include-ignored"]);
    // Tests that do not compile do not run: the log then shows why.
    stdout.push_str(&runner::rendered(report.test_errors(l)));
    let result = Regex::new(r"(?m)^test (.+) \.\.\. (ok|FAILED)$").unwrap();
    for cap in result.captures_iter(&stdout) {
        let name = cap[1].to_owned();
        if &cap[2] == "ok" {
            run.passed.insert(name);
        } else {
            // libtest prints a failure's captured output under `---- <name> stdout ----`.
            let escaped = regex::escape(&name);
            let re = format!(r"(?s)---- {escaped} stdout ----(.*?)(?:\n---- |\nfailures:|$)");
            let captured = Regex::new(&re).unwrap().captures(&stdout);
            let captured = captured.map(|c| c[1].trim().to_owned());
            run.failed.insert(name, captured.unwrap_or_default());
        }
    }
    run.log = stdout;
    run
}
