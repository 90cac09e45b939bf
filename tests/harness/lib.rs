//! The harness that proves the book: shared code for the tests in `tests/`.
//!
//! - [`listing`] finds the listing crates and reads what each one expects.
//! - [`check`] is the test of one listing.
//! - [`runner`] builds every listing once and runs them.
//! - [`snapshot`] compares what a listing printed with its recorded output.
//! - [`book`] builds the book in-process with mdBook.
//! - [`chapters`] reads the book's Markdown: includes, anchors, code blocks.
//! - [`playground`] says which listings a reader can run on the Rust
//!   Playground, and the rules they must follow there.
//! - [`exercise`] finds the exercises and runs their starters' and solutions' tests.
//! - [`quiz`] reads the quizzes and finds the listings their questions show.

pub mod book;
pub mod chapters;
pub mod check;
pub mod exercise;
pub mod listing;
pub mod playground;
pub mod quiz;
pub mod runner;
pub mod snapshot;

use std::path::{Path, PathBuf};

/// The repository's root: where `book.toml` and the workspace `Cargo.toml` are.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// `path` relative to the repository's root, for messages.
pub fn relative(path: &Path) -> PathBuf {
    path.strip_prefix(root()).unwrap_or(path).to_path_buf()
}
