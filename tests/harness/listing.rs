//! The listing crates: `listings/<chapter>/<listing>/`, each a Cargo binary,
//! and what each expects of its run: `[package.metadata.listing]` in its
//! `Cargo.toml` (`exit-code`, `compile-error`), as README.md ("Adding a
//! listing") describes it.

use serde::Deserialize;
use std::fs;
use std::path::{Path, PathBuf};

/// The file beside a listing's `Cargo.toml` holding what it prints on stdout,
/// or, for a listing that must not compile, the compiler's error message.
pub const OUTPUT_FILE: &str = "output.txt";
/// The feature that turns on the binary of a listing that must not compile.
pub const COMPILE_FAIL_FEATURE: &str = "compile-fail";

#[derive(Debug, Clone)]
pub struct Listing {
    /// The crate's folder, e.g. `<root>/listings/ch01-introduction/join-two-tasks`.
    pub dir: PathBuf,
    pub package: String,
    pub expect: Expect,
    /// The crates it depends on (`[dependencies]`, by package name), sorted.
    pub dependencies: Vec<String>,
    pub features: Vec<String>,
    /// `[package.metadata.exercise]`: it is an exercise's starter (see
    /// [`crate::exercise`]).
    pub exercise: Option<crate::exercise::ExerciseMetadata>,
}

/// What running (or compiling) a listing is meant to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// Build, run, and exit with this code (0 unless the metadata says otherwise).
    Exit(i32),
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

#[derive(Deserialize, Default)]
#[serde(default)]
struct Manifest {
    package: Package,
    dependencies: toml::Table,
    /// `[target.'cfg(...)'.dependencies]`: dependencies too.
    target: toml::Table,
    features: toml::Table,
}

#[derive(Deserialize, Default)]
struct Package {
    name: String,
    #[serde(default)]
    metadata: Metadata,
}

#[derive(Deserialize, Default)]
struct Metadata {
    #[serde(default)]
    listing: ListingMetadata,
    exercise: Option<crate::exercise::ExerciseMetadata>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
struct ListingMetadata {
    exit_code: Option<i32>,
    compile_error: Option<String>,
}

impl Listing {
    pub fn load(dir: &Path) -> Result<Listing, String> {
        let manifest_path = format!("{}", crate::relative(&dir.join("Cargo.toml")).display());
        let manifest: Manifest = fs::read_to_string(dir.join("Cargo.toml"))
            .map_err(|e| e.to_string())
            .and_then(|text| toml::from_str(&text).map_err(|e| e.to_string()))
            .map_err(|e| format!("{manifest_path}: {e}"))?;
        let Metadata { listing, exercise } = manifest.package.metadata;
        let expect = match (listing.exit_code, listing.compile_error) {
            (Some(_), Some(_)) => {
                return Err(format!(
                    "{manifest_path}: [package.metadata.listing] sets both exit-code and \
                     compile-error; a listing that does not compile cannot exit"
                ));
            }
            (_, Some(error)) => Expect::CompileError(CompileError(error)),
            (code, None) => Expect::Exit(code.unwrap_or(0)),
        };
        // By package name (`package = "..."` renames), target-specific ones too.
        let platforms = manifest.target.values();
        let tables = platforms.filter_map(|p| p.get("dependencies")?.as_table());
        let mut dependencies: Vec<String> = tables
            .chain([&manifest.dependencies])
            .flat_map(|table| table.iter())
            .map(|(key, value)| value.get("package").and_then(|p| p.as_str()).unwrap_or(key))
            .map(str::to_owned)
            .collect();
        dependencies.sort();
        dependencies.dedup();
        Ok(Listing {
            dir: dir.to_path_buf(),
            package: manifest.package.name,
            expect,
            dependencies,
            features: manifest.features.keys().cloned().collect(),
            exercise,
        })
    }

    /// The folder relative to the repository root, e.g.
    /// `listings/ch01-introduction/join-two-futures`.
    pub fn rel_dir(&self) -> PathBuf {
        crate::relative(&self.dir)
    }

    pub fn output_file(&self) -> PathBuf {
        self.dir.join(OUTPUT_FILE)
    }

    /// Recorded standard error, for a listing that writes to it.
    pub fn stderr_file(&self) -> PathBuf {
        self.dir.join("stderr.txt")
    }

    /// Whether the crate has tests for `cargo test` to build: a source file
    /// with `#[test]`, `#[tokio::test]` or `cfg(test)` in it, or a `tests/`
    /// folder. (The harness builds and runs only those: for the others,
    /// `cargo test` would compile the program again and run no test.)
    pub fn has_tests(&self) -> bool {
        let markers = ["#[test]", "#[tokio::test", "cfg(test)"];
        let marked = |text: String| markers.iter().any(|marker| text.contains(marker));
        let sources = crate::chapters::files_with_extension(&self.dir.join("src"), "rs");
        self.dir.join("tests").is_dir()
            || sources
                .iter()
                .any(|f| fs::read_to_string(f).is_ok_and(marked))
    }

    /// The name of this listing's test in the `book` test binary, as
    /// build.rs generates it: `listings::ch01_join_two_tasks`.
    pub fn test_name(&self) -> String {
        format!("listings::{}", self.package.replace('-', "_"))
    }
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
    let listings = crate::root().join("listings");
    crate::chapters::files_with_extension(&listings, "toml")
        .into_iter()
        .filter(|f| {
            f.ends_with("Cargo.toml") && f.components().count() == listings.components().count() + 3
        })
        .filter_map(|f| Some(f.parent()?.to_path_buf()))
        .collect()
}
