//! Builds every listing once per test process, and runs the programs and
//! their tests. Two cargo commands build everything, in parallel inside each:
//! `cargo build --bins` of every listing (the targets and profile that
//! `cargo run -p <listing>` builds, though with features unified over all the
//! listings and the harness), with `--keep-going` so that one broken listing
//! does not hide the others, and `cargo test --no-run` of every listing that
//! has tests. Their JSON messages are read with `cargo_metadata`.
//!
//! Both also name the harness's own package. Cargo unifies a shared crate's
//! features over the packages one command builds, so the listings'
//! dependencies then resolve as in the harness's own build and are reused
//! from it, whatever features the harness's other dependencies turn on in a
//! crate they share (`syn`, say): without it, each such crate and everything
//! built on it would be compiled a second time. (The harness's test
//! executables, built by then, are only checked as fresh.)

use crate::listing::{COMPILE_FAIL_FEATURE, Expect, Listing};
use cargo_metadata::Message;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{ExitStatus, Output};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// A listing, or one of its test executables, that runs longer than this is
/// stopped and reported as hung.
pub const RUN_TIME_LIMIT: Duration = Duration::from_secs(60);

/// What the two cargo commands built, by listing folder.
#[derive(Debug, Default)]
pub struct BuildReport {
    executables: HashMap<PathBuf, PathBuf>,
    test_executables: HashMap<PathBuf, Vec<PathBuf>>,
    errors: HashMap<PathBuf, Vec<Diagnostic>>,
    test_errors: HashMap<PathBuf, Vec<Diagnostic>>,
    /// Set when cargo failed before building any listing, or wrote a message
    /// `cargo_metadata` cannot read: [`build_all`] then panics with it.
    cargo_failure: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub code: Option<String>,
    /// The main message, without `error: ` (`future cannot be sent between threads safely`).
    pub message: String,
    pub rendered: String,
}

pub fn rendered(diagnostics: &[Diagnostic]) -> String {
    diagnostics.iter().map(|d| d.rendered.as_str()).collect()
}

impl BuildReport {
    pub fn executable(&self, listing: &Listing) -> Option<&Path> {
        self.executables.get(&listing.dir).map(PathBuf::as_path)
    }

    /// The compiler's errors for this listing's program, in the order it emitted them.
    pub fn errors(&self, listing: &Listing) -> &[Diagnostic] {
        of(&self.errors, listing)
    }

    /// The test executables of this listing (none if it has no tests).
    pub fn test_executables(&self, listing: &Listing) -> &[PathBuf] {
        of(&self.test_executables, listing)
    }

    pub fn test_errors(&self, listing: &Listing) -> &[Diagnostic] {
        of(&self.test_errors, listing)
    }
}

fn of<'a, T>(map: &'a HashMap<PathBuf, Vec<T>>, listing: &Listing) -> &'a [T] {
    map.get(&listing.dir).map_or(&[], Vec::as_slice)
}

/// Builds every listing's program and tests, once per test process.
pub fn build_all(listings: &[Listing]) -> &'static BuildReport {
    static REPORT: OnceLock<BuildReport> = OnceLock::new();
    let report = REPORT.get_or_init(|| {
        let mut report = BuildReport::default();
        let features: Vec<String> = listings
            .iter()
            .filter(|l| matches!(l.expect, Expect::CompileError(_)))
            .map(|l| format!("{}/{COMPILE_FAIL_FEATURE}", l.package))
            .collect();
        let features = features.join(",");
        let bins = ["build", "--bins", "--keep-going", "--features", &features];
        let all: Vec<&Listing> = listings.iter().collect();
        cargo(&bins, &all, listings, &mut report);
        let tested: Vec<&Listing> = listings
            .iter()
            .filter(|l| matches!(l.expect, Expect::Exit(_)) && l.has_tests())
            .collect();
        if !tested.is_empty() {
            // `--no-fail-fast` keeps building after a failure, as `--keep-going` does.
            let tests = ["test", "--no-run", "--no-fail-fast"];
            cargo(&tests, &tested, listings, &mut report);
        }
        report
    });
    if let Some(failure) = &report.cargo_failure {
        panic!("{failure}");
    }
    report
}

/// Runs `cargo <args> --message-format=json -p async-book-harness -p <each
/// package>` and files
/// what it built and the compiler's errors under the listing they belong to.
fn cargo(args: &[&str], packages: &[&Listing], listings: &[Listing], report: &mut BuildReport) {
    let mut cmd = std::process::Command::new(env_cargo());
    cmd.current_dir(crate::root())
        .args(args)
        .args(["--message-format=json", "-p", env!("CARGO_PKG_NAME")])
        .args(packages.iter().flat_map(|l| ["-p", &l.package]));
    let output = cmd
        .output()
        .unwrap_or_else(|e| panic!("could not start cargo: {e}"));
    let owner = |path: &Path| {
        listings
            .iter()
            .find(|l| path.starts_with(&l.dir))
            .map(|l| l.dir.clone())
    };
    let mut produced = false;
    for message in Message::parse_stream(output.stdout.as_slice()).flatten() {
        match message {
            Message::CompilerArtifact(artifact) => {
                let (Some(exe), Some(dir)) = (
                    artifact.executable,
                    owner(artifact.manifest_path.as_std_path()),
                ) else {
                    continue;
                };
                produced = true;
                if artifact.profile.test {
                    let exes = report.test_executables.entry(dir).or_default();
                    exes.push(exe.into_std_path_buf());
                    exes.sort();
                } else {
                    report.executables.insert(dir, exe.into_std_path_buf());
                }
            }
            Message::CompilerMessage(msg) => {
                let d = msg.message;
                let Some(dir) = owner(msg.target.src_path.as_std_path()) else {
                    continue;
                };
                if d.level != cargo_metadata::diagnostic::DiagnosticLevel::Error
                    || d.message.starts_with("aborting due to")
                {
                    continue;
                }
                produced = true;
                let errors = if args[0] == "test" {
                    &mut report.test_errors
                } else {
                    &mut report.errors
                };
                errors.entry(dir).or_default().push(Diagnostic {
                    code: d.code.map(|c| c.code),
                    rendered: d.rendered.unwrap_or_else(|| d.message.clone()),
                    message: d.message,
                });
            }
            // A JSON line that `cargo_metadata` cannot read (a field a
            // newer cargo writes differently) would lose an artifact or an
            // error, and the listing would look like it built nothing.
            Message::TextLine(line) if line.starts_with('{') => {
                report.cargo_failure.get_or_insert_with(|| {
                    format!(
                        "cannot read a message of `cargo {}` (update cargo_metadata in Cargo.toml):\n{line}",
                        args.join(" ")
                    )
                });
            }
            _ => {}
        }
    }
    if !produced && !output.status.success() {
        report.cargo_failure = Some(format!(
            "`cargo {}` failed before building any listing:\n{}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
}

/// The cargo that runs this test, as `cargo test` tells it.
pub fn env_cargo() -> std::ffi::OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}

#[derive(Debug)]
pub struct Run {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

/// Runs a listing's program as the Rust Playground would: in a fresh empty
/// folder (so it finds no file it did not create, and leaves nothing behind),
/// with no arguments, an empty standard input, and an environment emptied of
/// everything but `PATH` and a fixed backtrace setting.
pub fn run(exe: &Path) -> Result<Run, String> {
    let dir = tempfile::tempdir().map_err(|e| format!("no temp dir: {e}"))?;
    let cmd = snapbox::cmd::Command::new(exe)
        .current_dir(dir.path())
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("RUST_BACKTRACE", "0")
        // Written and closed at once: a program that reads it gets end-of-file.
        .stdin("");
    let (output, elapsed) = output(cmd, exe)?;
    Ok(Run {
        status: output.status,
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        elapsed,
    })
}

/// Runs a listing's test executables as `cargo test -p <listing>` would (in
/// the listing's folder), with `args` for libtest: whether they all passed,
/// and their stdout and stderr together, with why one could not finish.
pub fn run_tests(listing: &Listing, report: &BuildReport, args: &[&str]) -> (bool, String) {
    let (mut passed, mut log) = (true, String::new());
    for exe in report.test_executables(listing) {
        let cmd = snapbox::cmd::Command::new(exe)
            .args(args)
            .current_dir(&listing.dir)
            .env("CARGO_MANIFEST_DIR", &listing.dir)
            .env("CARGO_PKG_NAME", &listing.package)
            .stdin("");
        match output(cmd, exe) {
            Ok((output, _)) => {
                passed &= output.status.success();
                log.push_str(&String::from_utf8_lossy(&output.stdout));
                log.push_str(&String::from_utf8_lossy(&output.stderr));
            }
            Err(e) => {
                passed = false;
                log.push_str(&format!("\n({e})\n"));
            }
        }
    }
    (passed, log)
}

/// Runs `cmd`, stopping it after [`RUN_TIME_LIMIT`]; what it did, and how long it took.
fn output(cmd: snapbox::cmd::Command, exe: &Path) -> Result<(Output, Duration), String> {
    let start = Instant::now();
    let output = cmd
        .timeout(RUN_TIME_LIMIT)
        .output()
        .map_err(|e| format!("could not start {}: {e}", exe.display()))?;
    // snapbox kills a command that outlives its timeout and returns its status.
    if !output.status.success() && start.elapsed() >= RUN_TIME_LIMIT {
        return Err(format!(
            "still running after {RUN_TIME_LIMIT:?}; stopped it (does it wait forever?)"
        ));
    }
    Ok((output, start.elapsed()))
}
