//! Builds every listing with one `cargo build` and runs the programs.

use crate::listing::{COMPILE_FAIL_FEATURE, Expect, Listing};
use serde::Deserialize;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// A listing that runs longer than this is stopped and reported as hung.
pub const RUN_TIME_LIMIT: Duration = Duration::from_secs(60);

/// What one `cargo build` of all the listings produced, by listing folder.
#[derive(Debug, Default)]
pub struct BuildReport {
    executables: HashMap<PathBuf, PathBuf>,
    errors: HashMap<PathBuf, Vec<Diagnostic>>,
    /// Set when cargo itself failed before compiling anything useful.
    cargo_failure: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub code: Option<String>,
    /// The main message, without `error: ` (`future cannot be sent between threads safely`).
    pub message: String,
    pub rendered: String,
}

impl BuildReport {
    pub fn executable(&self, listing: &Listing) -> Option<&Path> {
        self.executables.get(&listing.dir).map(PathBuf::as_path)
    }

    /// The compiler's errors for this listing, in the order it emitted them.
    pub fn errors(&self, listing: &Listing) -> &[Diagnostic] {
        self.errors.get(&listing.dir).map_or(&[], Vec::as_slice)
    }

    pub fn cargo_failure(&self) -> Option<&str> {
        self.cargo_failure.as_deref()
    }
}

/// Builds every listing's binary once per test process, including the
/// binaries of listings that must not compile (their `compile-fail` feature
/// is turned on), with `--keep-going` so one broken listing does not hide
/// the others.
pub fn build_all(listings: &[Listing]) -> &'static BuildReport {
    static REPORT: OnceLock<BuildReport> = OnceLock::new();
    REPORT.get_or_init(|| run_cargo_build(listings))
}

#[derive(Deserialize)]
#[serde(tag = "reason", rename_all = "kebab-case")]
enum CargoMessage {
    CompilerArtifact {
        manifest_path: PathBuf,
        executable: Option<PathBuf>,
    },
    CompilerMessage {
        manifest_path: PathBuf,
        message: RustcMessage,
    },
    #[serde(other)]
    Other,
}

#[derive(Deserialize)]
struct RustcMessage {
    level: String,
    message: String,
    code: Option<RustcCode>,
    rendered: Option<String>,
}

#[derive(Deserialize)]
struct RustcCode {
    code: String,
}

fn run_cargo_build(listings: &[Listing]) -> BuildReport {
    let features: Vec<String> = listings
        .iter()
        .filter(|l| matches!(l.expect, Expect::CompileError(_)))
        .map(|l| format!("{}/{COMPILE_FAIL_FEATURE}", l.package))
        .collect();
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(crate::root())
        .args(["build", "--workspace", "--bins", "--keep-going"])
        .arg("--message-format=json");
    if !features.is_empty() {
        cmd.arg("--features").arg(features.join(","));
    }
    let output = cmd
        .stderr(Stdio::piped())
        .output()
        .expect("could not start cargo to build the listings");

    let mut report = BuildReport::default();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<CargoMessage>(line) else {
            continue;
        };
        match message {
            CargoMessage::CompilerArtifact {
                manifest_path,
                executable: Some(exe),
            } => {
                if let Some(dir) = manifest_path.parent() {
                    report.executables.insert(dir.to_path_buf(), exe);
                }
            }
            CargoMessage::CompilerMessage {
                manifest_path,
                message,
            } if message.level == "error" && !message.message.starts_with("aborting due to") => {
                if let Some(dir) = manifest_path.parent() {
                    report
                        .errors
                        .entry(dir.to_path_buf())
                        .or_default()
                        .push(Diagnostic {
                            code: message.code.map(|c| c.code),
                            rendered: message.rendered.unwrap_or_else(|| message.message.clone()),
                            message: message.message,
                        });
                }
            }
            _ => {}
        }
    }
    if report.executables.is_empty() && report.errors.is_empty() && !output.status.success() {
        report.cargo_failure = Some(format!(
            "`cargo build --workspace --bins` failed before building any listing:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    report
}

/// What a listing's program did.
#[derive(Debug)]
pub struct Run {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
    pub elapsed: Duration,
}

/// Runs a listing's program as the Rust Playground would: in a fresh empty
/// folder (so it finds no file it did not create, and leaves nothing behind),
/// with no arguments, no standard input, and an environment emptied of
/// everything but `PATH` and a fixed backtrace setting.
pub fn run(exe: &Path) -> Result<Run, String> {
    let dir = tempfile::tempdir().map_err(|e| format!("no temp dir: {e}"))?;
    let start = Instant::now();
    let mut child = Command::new(exe)
        .current_dir(dir.path())
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start {}: {e}", exe.display()))?;
    // Read both pipes while the program runs, so a chatty one cannot block.
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if start.elapsed() > RUN_TIME_LIMIT {
            let _ = child.kill();
            return Err(format!(
                "still running after {RUN_TIME_LIMIT:?}; stopped it (does it wait forever?)"
            ));
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let elapsed = start.elapsed();
    Ok(Run {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
        elapsed,
    })
}

fn drain(pipe: Option<impl Read + Send + 'static>) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut pipe) = pipe {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            text = String::from_utf8_lossy(&bytes).into_owned();
        }
        text
    })
}
