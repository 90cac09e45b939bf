//! The exercises (see `tests/harness/exercise.rs`), checked as README.md
//! ("What `cargo test` checks") says.

use crate::assert_none;
use async_book_harness::exercise::{self, Exercise};
use async_book_harness::{chapters, listing, relative};
use std::collections::BTreeSet;

fn exercises() -> Vec<Exercise> {
    let (exercises, problems) = exercise::all(&listing::all());
    assert_none(problems, "");
    assert!(!exercises.is_empty(), "no exercise under listings/");
    exercises
}

#[test]
fn starter_and_solution_share_their_tests_the_starter_fails_and_the_solution_passes() {
    let listings = listing::all();
    let report = async_book_harness::runner::build_all(&listings);
    let mut problems = Vec::new();
    for e in exercises() {
        let starter = exercise::run_tests(&e.starter, report);
        let solution = exercise::run_tests(&e.solution, report);
        let rel = e.starter.rel_dir().display().to_string();
        let run = format!("cargo test -p {} -- --include-ignored", e.starter.package);

        let expected: BTreeSet<&String> = e.failing_tests.keys().collect();
        let failed: BTreeSet<&String> = starter.failed.keys().collect();
        if expected != failed {
            problems.push(format!(
                "{rel}: `{run}` should fail exactly {expected:?}, but failed {failed:?} \
                 (passed: {:?})\n{}",
                starter.passed, starter.log
            ));
        }
        for (test, message) in &e.failing_tests {
            if let Some(captured) = starter.failed.get(test)
                && !captured.contains(message.as_str())
            {
                problems.push(format!(
                    "{rel}: {test} fails, but not with {message:?}; it said:\n{captured}"
                ));
            }
        }

        let all_tests: BTreeSet<&String> = starter.passed.iter().chain(failed).collect();
        let solved: BTreeSet<&String> = solution.passed.iter().collect();
        if !solution.failed.is_empty() || solved != all_tests {
            problems.push(format!(
                "{rel}: its solution must pass the starter's tests {all_tests:?}; it passed {solved:?}, \
                 failed {:?}\n{}",
                solution.failed.keys().collect::<Vec<_>>(),
                solution.log
            ));
        }

        let solution_rel = e.solution.rel_dir().display().to_string();
        // The tests modules themselves.
        let (Some(starter), Some(solution)) = (
            exercise::tests_module(&e.starter),
            exercise::tests_module(&e.solution),
        ) else {
            problems.push(format!(
                "{rel}: starter and solution both need a #[cfg(test)] mod tests"
            ));
            continue;
        };
        let unignored = starter.lines().filter(|l| !exercise::is_ignore(l));
        if !unignored.eq(solution.lines()) {
            problems.push(format!(
                "{rel}: its tests are not the solution's ({solution_rel}); apart from `#[ignore]` they must be the same"
            ));
        }
        let tests = starter
            .lines()
            .filter(|l| exercise::is_test_attribute(l))
            .count();
        let ignored = starter.lines().filter(|l| exercise::is_ignore(l)).count();
        if tests == 0 || ignored != tests {
            problems.push(format!(
                "{rel}: {ignored} of its {tests} tests are #[ignore]d; all must be, or the \
                 book's own `cargo test` fails on the unsolved starter"
            ));
        }
        if solution.lines().any(exercise::is_ignore) {
            problems.push(format!(
                "{solution_rel}: a solution's tests must not be ignored"
            ));
        }
    }
    assert_none(problems, "");
}

#[test]
fn the_page_shows_the_starter_and_hides_the_solution() {
    let exercises = exercises();
    let includes = chapters::book_includes();
    let mut problems = Vec::new();
    for inc in &includes {
        let text = std::fs::read_to_string(&inc.file).unwrap_or_default();
        let lines: Vec<&str> = text.lines().collect();
        // Inside <details> ... </details>: after the last `<details` up to
        // its line, and that one not closed on an earlier line.
        let last = |tag, end| lines[..end].iter().rposition(|l| l.contains(tag));
        let hidden = last("<details", inc.line) > last("</details>", inc.line - 1);
        let place = chapters::at(&inc.file, inc.line);
        for e in &exercises {
            if inc.target.starts_with(e.solution.dir.join("src")) && !hidden {
                problems.push(format!(
                    "{place}: the solution {} is shown outside a <details> block",
                    e.solution.package
                ));
            }
            if inc.target.starts_with(e.starter.dir.join("src")) && hidden {
                problems.push(format!(
                    "{place}: the starter {} is hidden in a <details> block",
                    e.starter.package
                ));
            }
        }
    }
    for e in &exercises {
        let src = e.starter.dir.join("src");
        if !includes.iter().any(|inc| inc.target.starts_with(&src)) {
            problems.push(format!(
                "{}: no page shows this exercise",
                relative(&e.starter.dir).display()
            ));
        }
    }
    assert_none(problems, "");
}
