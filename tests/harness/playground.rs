//! The Rust Playground's rules for the listings a reader can run from the
//! book (mdBook gives every Rust block a Run button that sends the whole
//! program, hidden lines included, to play.rust-lang.org).
//!
//! A Rust block is runnable unless it is marked `ignore` or `noplayground`.
//! Its listing must then run there: only the crates the Playground has, no
//! file it did not create, no arguments, no environment, and done well within
//! the Playground's time limit. The runner enforces the file, argument and
//! environment rules on every listing (see [`crate::runner::run`]); the tests
//! check the crates (tests/book/playground.rs) and the run time (tests/harness/check.rs).
//!
//! A listing that cannot run there is shown `noplayground`, with its reason on
//! the line above the block, which the book shows in the listing's caption:
//!
//! ````md
//! <!-- noplayground: waits 5 s on purpose, longer than the Playground allows -->
//! ```rust,noplayground
//! {{#rustdoc_include ../../listings/ch01-introduction/timeout/src/main.rs:main}}
//! ```
//! ````

use crate::chapters::{self, CodeBlock, at};
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

/// Whether mdBook gives this block a Run button.
pub fn is_runnable(block: &CodeBlock) -> bool {
    let attributes = block.attributes();
    block.is_rust()
        && !["ignore", "noplayground", "noplaypen"]
            .iter()
            .any(|a| attributes.contains(a))
}

/// A runnable block of the book, and the listing crate folder it shows.
#[derive(Debug, Clone)]
pub struct RunnableBlock {
    pub file: PathBuf,
    pub line: usize,
    pub listing_dir: PathBuf,
}

impl RunnableBlock {
    /// `src/ch01-introduction/await.md:12`.
    pub fn place(&self) -> String {
        at(&self.file, self.line)
    }
}

/// Every runnable block of the book that shows a listing, in book order.
pub fn runnable_blocks() -> Vec<RunnableBlock> {
    let listings = crate::root().join("listings");
    let mut found = Vec::new();
    for file in chapters::markdown_files() {
        let includes = chapters::includes(&file);
        for block in chapters::code_blocks(&file) {
            if !is_runnable(&block) {
                continue;
            }
            // The include on the line after the fence is the block's content
            // (tests/book/invariants.rs makes sure that is all it holds).
            let Some(inc) = includes.iter().find(|i| i.line == block.line + 1) else {
                continue;
            };
            let Ok(rel) = inc.target.strip_prefix(&listings) else {
                continue;
            };
            let parts: Vec<_> = rel.components().take(2).collect();
            if parts.len() == 2 {
                found.push(RunnableBlock {
                    file: file.clone(),
                    line: block.line,
                    listing_dir: listings.join(parts[0]).join(parts[1]),
                });
            }
        }
    }
    found
}

/// The runnable blocks that show `listing`.
pub fn blocks_showing<'a>(
    blocks: &'a [RunnableBlock],
    listing: &Listing,
) -> Vec<&'a RunnableBlock> {
    blocks
        .iter()
        .filter(|b| b.listing_dir == listing.dir)
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
