//! The listing crates: `listings/<chapter>/<listing>/`, each a Cargo binary.
//!
//! A listing that should not simply run and exit 0 says so in its
//! `Cargo.toml`, in a `[package.metadata.listing]` table:
//!
//! ```toml
//! [package.metadata.listing]
//! exit-code = 101          # it is meant to panic (or to exit with this code)
//! compile-error = "E0038"  # it is meant NOT to compile, with this error code
//! ```
//!
//! For an error that has no code, `compile-error` holds the start of the
//! error's main message instead (`error: future cannot be sent between
//! threads safely` is `compile-error = "future cannot be sent between threads
//! safely"`).
//!
//! A listing that must not compile also puts its binary behind a
//! `compile-fail` feature (`required-features`), so that
//! `cargo build --workspace` stays green; the harness turns it on.

use serde::Deserialize;
use std::fs;
use std::path::{Path, PathBuf};

/// The file beside a listing's `Cargo.toml` holding what it prints on stdout,
/// or, for a listing that must not compile, the compiler's error message.
pub const OUTPUT_FILE: &str = "output.txt";
/// Recorded standard error, for a listing that writes to it.
pub const STDERR_FILE: &str = "stderr.txt";
/// The feature that turns on the binary of a listing that must not compile.
pub const COMPILE_FAIL_FEATURE: &str = "compile-fail";

#[derive(Debug, Clone)]
pub struct Listing {
    /// The crate's folder, e.g. `<root>/listings/ch01-introduction/join-two-tasks`.
    pub dir: PathBuf,
    /// The package name, e.g. `ch01-join-two-tasks`.
    pub package: String,
    pub expect: Expect,
    /// The crates it depends on (`[dependencies]`, by package name), sorted.
    pub dependencies: Vec<String>,
}

/// What running (or compiling) a listing is meant to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// Build, run, and exit with this code (0 unless the metadata says otherwise).
    Exit(i32),
    /// Fail to compile with this error.
    CompileError(CompileError),
}

/// The error a listing that must not compile fails with: what
/// `compile-error` says, an error code (`E0373`) or, for an error without a
/// code, the start of the error's main message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError(pub String);

impl CompileError {
    /// Whether `compile-error` holds an error code such as `E0373`.
    pub fn is_code(&self) -> bool {
        let s = self.0.as_bytes();
        s.len() == 5 && s[0] == b'E' && s[1..].iter().all(u8::is_ascii_digit)
    }

    /// Whether the compiler's error is this one: its code, or the start of
    /// its main message (the text after `error: `).
    pub fn matches(&self, code: Option<&str>, message: &str) -> bool {
        if self.is_code() {
            code == Some(self.0.as_str())
        } else {
            message.starts_with(&self.0)
        }
    }
}

impl std::fmt::Display for CompileError {
    /// `E0373`, or `error: future cannot be sent...`, as the compiler prints it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_code() {
            write!(f, "error[{}]", self.0)
        } else {
            write!(f, "`error: {}...`", self.0)
        }
    }
}

#[derive(Deserialize)]
struct Manifest {
    package: Package,
    #[serde(default)]
    dependencies: toml::Table,
    /// `[target.'cfg(...)'.dependencies]`: dependencies too.
    #[serde(default)]
    target: toml::Table,
}

#[derive(Deserialize)]
struct Package {
    name: String,
    #[serde(default)]
    metadata: Option<Metadata>,
}

#[derive(Deserialize)]
struct Metadata {
    listing: Option<ListingMetadata>,
}

#[derive(Deserialize)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct ListingMetadata {
    exit_code: Option<i32>,
    compile_error: Option<String>,
}

impl Listing {
    /// Reads the listing crate in `dir` (a folder with a `Cargo.toml`).
    pub fn load(dir: &Path) -> Result<Listing, String> {
        let manifest_path = dir.join("Cargo.toml");
        let text = fs::read_to_string(&manifest_path)
            .map_err(|e| format!("{}: {e}", manifest_path.display()))?;
        let manifest: Manifest = toml::from_str(&text)
            .map_err(|e| format!("{}: {e}", crate::relative(&manifest_path).display()))?;
        let meta = manifest
            .package
            .metadata
            .and_then(|m| m.listing)
            .unwrap_or(ListingMetadata {
                exit_code: None,
                compile_error: None,
            });
        let expect = match (meta.exit_code, meta.compile_error) {
            (Some(_), Some(_)) => {
                return Err(format!(
                    "{}: [package.metadata.listing] sets both exit-code and compile-error; \
                     a listing that does not compile cannot exit",
                    crate::relative(&manifest_path).display()
                ));
            }
            (_, Some(error)) => Expect::CompileError(CompileError(error)),
            (code, None) => Expect::Exit(code.unwrap_or(0)),
        };
        let mut dependencies = dependency_names(&manifest.dependencies);
        for platform in manifest.target.values() {
            if let Some(deps) = platform.get("dependencies").and_then(|d| d.as_table()) {
                dependencies.extend(dependency_names(deps));
            }
        }
        dependencies.sort();
        dependencies.dedup();
        Ok(Listing {
            dir: dir.to_path_buf(),
            package: manifest.package.name,
            expect,
            dependencies,
        })
    }

    /// The folder relative to the repository root, e.g.
    /// `listings/ch01-introduction/join-two-tasks`.
    pub fn rel_dir(&self) -> PathBuf {
        crate::relative(&self.dir)
    }

    pub fn output_file(&self) -> PathBuf {
        self.dir.join(OUTPUT_FILE)
    }

    pub fn stderr_file(&self) -> PathBuf {
        self.dir.join(STDERR_FILE)
    }

    /// Whether the crate has tests for `cargo test` to build: a source file
    /// with `#[test]`, `#[tokio::test]` or `cfg(test)` in it, or a `tests/`
    /// folder. (The harness builds and runs only those: for the others,
    /// `cargo test` would compile the program again and run no test.)
    pub fn has_tests(&self) -> bool {
        self.dir.join("tests").is_dir()
            || crate::chapters::files_with_extension(&self.dir.join("src"), "rs")
                .iter()
                .filter_map(|f| fs::read_to_string(f).ok())
                .any(|text| {
                    ["#[test]", "#[tokio::test", "cfg(test)"]
                        .iter()
                        .any(|marker| text.contains(marker))
                })
    }

    /// The name of this listing's test in the `book` test binary, as
    /// build.rs generates it: `listings::ch01_join_two_tasks`.
    pub fn test_name(&self) -> String {
        format!("listings::{}", test_ident(&self.package))
    }
}

/// The package names of a `[dependencies]` table (`package = "..."` renames).
fn dependency_names(table: &toml::Table) -> Vec<String> {
    table
        .iter()
        .map(|(key, value)| {
            value
                .get("package")
                .and_then(|p| p.as_str())
                .unwrap_or(key)
                .to_owned()
        })
        .collect()
}

/// Every listing crate of the book, sorted by folder.
pub fn all() -> Vec<Listing> {
    listing_dirs()
        .iter()
        .map(|dir| Listing::load(dir).unwrap_or_else(|e| panic!("{e}")))
        .collect()
}

/// Every `listings/<chapter>/<listing>/` folder that holds a `Cargo.toml`,
/// sorted. This is the same set the workspace's `members` glob matches.
pub fn listing_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    let listings = crate::root().join("listings");
    for chapter in read_dir_sorted(&listings) {
        for listing in read_dir_sorted(&chapter) {
            if listing.join("Cargo.toml").is_file() {
                dirs.push(listing);
            }
        }
    }
    dirs
}

fn read_dir_sorted(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    entries.retain(|p| p.is_dir());
    entries.sort();
    entries
}

/// A package name as a Rust identifier: `ch01-join-two-tasks` to
/// `ch01_join_two_tasks`. build.rs uses the same rule (it includes this file).
pub fn test_ident(package: &str) -> String {
    package.replace('-', "_")
}
