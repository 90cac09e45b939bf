//! Every check of the book, in one test binary so that all of them run at
//! once: README.md ("What `cargo test` checks") says why, and lists the groups.

mod commands;
mod descriptions;
mod doctests;
mod exercises;
mod invariants;
mod playground;
mod proofs;
mod quizzes;

// One test per listing crate, written by build.rs (see tests/harness/check.rs).
mod listings {
    include!(concat!(env!("OUT_DIR"), "/listing-tests.rs"));
}

/// Fails with every problem found, one per line, then what to do about them:
/// the checks collect all problems first, so one run shows them all.
#[track_caller]
fn assert_none(problems: Vec<String>, what_to_do: &str) {
    assert!(
        problems.is_empty(),
        "\n{}\n\n{what_to_do}\n",
        problems.join("\n")
    );
}
