//! The check behind each listing's test, `listings::<package>` (written by
//! build.rs), as README.md ("What `cargo test` checks") describes it.
//!
//! The output is compared with snapbox: `[..]` in a recorded line matches any
//! text, and a line holding only `...` any number of lines (README.md,
//! "Re-recording outputs", says how to re-record).

use crate::listing::{self, Expect, Listing};
use crate::playground::{self, NOPLAYGROUND_HOWTO, PLAYGROUND_TIME_LIMIT, RunnableBlock};
use crate::runner;
use snapbox::{Assert, Data};
use std::path::Path;
use std::sync::OnceLock;

/// Checks the listing whose package is `package`; panics with a message
/// that names it and says what to do.
pub fn listing(package: &str) {
    if let Err(message) = check(package) {
        panic!("{message}");
    }
}

fn check(package: &str) -> Result<(), String> {
    static LISTINGS: OnceLock<Vec<Listing>> = OnceLock::new();
    static RUNNABLE: OnceLock<Vec<RunnableBlock>> = OnceLock::new();
    let all = LISTINGS.get_or_init(listing::all);
    let listing = all.iter().find(|l| l.package == package).ok_or_else(|| {
        format!(
            "no listing crate has the package name `{package}` (was it renamed? re-run cargo test)"
        )
    })?;
    // The blocks that show it with a Run button: it must then also run on the Playground.
    let runnable =
        &playground::blocks_showing(RUNNABLE.get_or_init(playground::runnable_blocks), listing);
    let report = runner::build_all(all);
    let name = &listing.test_name();
    let rel = listing.rel_dir().display().to_string();
    match &listing.expect {
        Expect::CompileError(error) => {
            if report.executable(listing).is_some() {
                return Err(format!(
                    "{rel}/src/main.rs compiled, but its Cargo.toml says it must fail with {error} \
                     ([package.metadata.listing] compile-error)"
                ));
            }
            let errors = report.errors(listing);
            let message = runner::rendered(errors);
            if !errors
                .iter()
                .any(|d| error.matches(d.code.as_deref(), &d.message))
            {
                return Err(format!(
                    "{rel}/src/main.rs must fail to compile with {error} (its Cargo.toml's \
                     [package.metadata.listing] compile-error: an error code, or the start of \
                     the message of an error that has no code); the compiler said:\n{}",
                    if errors.is_empty() {
                        "(no errors: is its binary behind the `compile-fail` feature?)"
                    } else {
                        &message
                    }
                ));
            }
            snapshot(
                &message,
                &listing.output_file(),
                "the compiler's error message",
                name,
            )?;
        }
        Expect::Exit(expected_code) => {
            let Some(exe) = report.executable(listing) else {
                let message = runner::rendered(report.errors(listing));
                return Err(format!("{rel} does not compile:\n{message}"));
            };
            let run = runner::run(exe).map_err(|e| format!("{rel}: {e}"))?;
            if run.status.code() != Some(*expected_code) {
                return Err(format!(
                    "{rel} exited with {}, expected {expected_code}{}\nstdout:\n{}\nstderr:\n{}{}",
                    run.status,
                    if *expected_code == 0 {
                        ""
                    } else {
                        " (set in [package.metadata.listing] exit-code)"
                    },
                    run.stdout,
                    run.stderr,
                    playground_hint(runnable),
                ));
            }
            if run.elapsed > PLAYGROUND_TIME_LIMIT && !runnable.is_empty() {
                return Err(format!(
                    "{rel} ran for {:.2} s, longer than a listing with a Run button may take \
                     (PLAYGROUND_TIME_LIMIT = {} s), and the book shows it runnable at:{}\n\
                     Make it faster, or {NOPLAYGROUND_HOWTO}.",
                    run.elapsed.as_secs_f64(),
                    PLAYGROUND_TIME_LIMIT.as_secs(),
                    places(runnable),
                ));
            }
            snapshot(&run.stdout, &listing.output_file(), "stdout", name)?;
            // Standard error is checked too: a listing that writes to it
            // records it beside its output.
            if !run.stderr.is_empty() || listing.stderr_file().exists() {
                snapshot(&run.stderr, &listing.stderr_file(), "stderr", name)?;
            }
            own_tests(listing, report)?;
        }
    }
    Ok(())
}

/// Checks `actual` against the recorded file. `what` says what was recorded
/// ("stdout", "stderr", "the compiler's error message"); `test_name` is the
/// name of the test to re-run, for the message.
fn snapshot(actual: &str, recorded: &Path, what: &str, test_name: &str) -> Result<(), String> {
    let assert = Assert::new().action_env("SNAPSHOTS");
    let rel = crate::relative(recorded).display().to_string();
    let rerecord = format!(
        "If the new output is right, re-record it with\n    \
         SNAPSHOTS=overwrite cargo test --test book -- {test_name}\n\
         and review the diff of {rel} (keep `[..]` where the text varies from run to run)."
    );
    if !recorded.exists() && assert.selected_action() != snapbox::assert::Action::Overwrite {
        return Err(format!(
            "{rel} is missing: {what} has no recorded output.\n{rerecord}"
        ));
    }
    let expected = Data::read_from(recorded, None);
    assert
        .try_eq(Some(&what), Data::text(actual.to_owned()), expected)
        .map_err(|err| format!("{what} no longer matches {rel}:\n\n{err}\n{rerecord}"))
}

/// The listing's own tests (which prove the prose's claims) pass, as
/// `cargo test -p <listing>` runs them.
fn own_tests(listing: &Listing, report: &runner::BuildReport) -> Result<(), String> {
    let rel = listing.rel_dir().display().to_string();
    let rerun = format!("`cargo test -p {}` runs them alone", listing.package);
    let errors = report.test_errors(listing);
    if !errors.is_empty() {
        return Err(format!(
            "{rel}: its tests do not compile ({rerun}):\n{}",
            runner::rendered(errors)
        ));
    }
    if report.test_executables(listing).is_empty() && listing.has_tests() {
        return Err(format!("{rel}: its tests were not built ({rerun})"));
    }
    let (passed, log) = runner::run_tests(listing, report, &[]);
    if !passed {
        return Err(format!("{rel}: its own tests fail ({rerun}):\n{log}"));
    }
    Ok(())
}

fn places(blocks: &[&RunnableBlock]) -> String {
    blocks
        .iter()
        .map(|b| format!("\n    {}", b.place))
        .collect()
}

/// For a listing with a Run button that failed: the Playground's conditions,
/// which the runner imitates.
fn playground_hint(runnable: &[&RunnableBlock]) -> String {
    if runnable.is_empty() {
        return String::new();
    }
    format!(
        "\nThe book shows this listing with a Run button at:{}\n\
         Like the Rust Playground, the test runs it in an empty folder, with no \
         arguments, no standard input and no environment variables (only PATH): it \
         may only read files it created. If it cannot run there, {NOPLAYGROUND_HOWTO}.",
        places(runnable)
    )
}
