//! The harness that proves the book: shared code for the tests in `tests/`.
//! This folder's README.md says what each module does.

pub mod book;
pub mod chapters;
pub mod check;
pub mod exercise;
pub mod listing;
pub mod playground;
pub mod quiz;
pub mod runner;

use std::path::{Path, PathBuf};

/// The repository's root: where `book.toml` and the workspace `Cargo.toml` are.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `path` relative to the repository's root, for messages.
pub fn relative(path: &Path) -> PathBuf {
    path.strip_prefix(root()).unwrap_or(path).to_path_buf()
}
