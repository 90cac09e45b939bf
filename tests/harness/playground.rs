//! The Rust Playground's rules for the listings a reader can run from the
//! book (mdBook gives every Rust block not marked `ignore` or `noplayground`
//! a Run button that sends the whole program to play.rust-lang.org), as
//! README.md ("Run buttons") states them. The runner enforces the file,
//! argument and environment rules on every listing (see
//! [`crate::runner::run`]); the tests check the crates
//! (tests/book/playground.rs) and the run time (tests/harness/check.rs).

use crate::chapters;
use crate::listing::Listing;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A listing shown runnable must finish within this (the Playground stops a
/// program after a few seconds; this leaves it room on a slow day).
pub const PLAYGROUND_TIME_LIMIT: Duration = Duration::from_secs(5);

/// The crates (Cargo package names) of the Playground that the book uses.
/// The Playground has many more; the book promises only these.
pub const PLAYGROUND_CRATES: &[&str] = &["tokio", "futures", "async-trait", "tokio-util", "rayon"];

/// What to write next to a block whose listing cannot run on the Playground.
pub const NOPLAYGROUND_HOWTO: &str = "mark its block ```rust,noplayground and put the reason on the line above it: \
     `<!-- noplayground: <one-line reason> -->` (the book shows it in the caption)";

#[derive(Debug, Clone)]
pub struct RunnableBlock {
    /// `src/ch01-introduction/await.md:12`.
    pub place: String,
    pub target: PathBuf,
}

/// Every block of the book that mdBook gives a Run button and that includes
/// a file, in book order.
pub fn runnable_blocks() -> Vec<RunnableBlock> {
    let no_button = ["ignore", "noplayground", "noplaypen"];
    chapters::book_code_blocks()
        .iter()
        .filter(|block| block.is_rust() && !no_button.iter().any(|a| block.has(a)))
        .filter_map(|block| {
            Some(RunnableBlock {
                place: block.place(),
                target: block.include()?.target,
            })
        })
        .collect()
}

pub fn blocks_showing<'a>(blocks: &'a [RunnableBlock], l: &Listing) -> Vec<&'a RunnableBlock> {
    blocks
        .iter()
        .filter(|b| b.target.starts_with(&l.dir))
        .collect()
}

/// The reason in `<!-- noplayground: reason -->` on the last non-blank line
/// before the block's opening fence (line numbers are 1-based), read by the
/// book's own preprocessor, which shows it in the listing's caption.
pub fn noplayground_reason(file: &Path, fence_line: usize) -> Option<String> {
    let text = fs::read_to_string(file).ok()?;
    let before: Vec<&str> = text.lines().take(fence_line.saturating_sub(1)).collect();
    mdbook_listing_figures::noplayground_reason(&before.join("\n"))
}
