//! The Rust Playground rules that do not need a run (the run time is checked
//! by tests/harness/check.rs, the files, arguments and environment by the runner):
//! see tests/harness/playground.rs.

use crate::assert_none;
use async_book_harness::chapters::{self, at};
use async_book_harness::listing;
use async_book_harness::playground::{
    self, NOPLAYGROUND_HOWTO, PLAYGROUND_CRATES, runnable_blocks,
};
use async_book_harness::relative;

#[test]
fn runnable_listings_use_only_crates_the_playground_has() {
    let blocks = runnable_blocks();
    let mut problems = Vec::new();
    for l in listing::all() {
        let shown = playground::blocks_showing(&blocks, &l);
        let foreign: Vec<_> = l
            .dependencies
            .iter()
            .filter(|d| !PLAYGROUND_CRATES.contains(&d.as_str()))
            .map(|d| format!("`{d}`"))
            .collect();
        if foreign.is_empty() {
            continue;
        }
        for block in shown {
            problems.push(format!(
                "{}: this block has a Run button, but its listing {} ({}) depends on {}, \
                 which the book does not promise on the Rust Playground (only std and {}).",
                block.place(),
                l.package,
                relative(&l.dir).display(),
                foreign.join(", "),
                PLAYGROUND_CRATES.join(", ")
            ));
        }
    }
    assert_none(
        problems,
        &format!("Drop the dependency, or {NOPLAYGROUND_HOWTO}."),
    );
}

#[test]
fn every_noplayground_block_says_why() {
    let mut problems = Vec::new();
    for file in chapters::markdown_files() {
        for block in chapters::code_blocks(&file) {
            let attributes = block.attributes();
            let marked = ["noplayground", "noplaypen"]
                .iter()
                .any(|a| attributes.contains(a));
            if block.is_rust()
                && marked
                && playground::noplayground_reason(&file, block.line).is_none()
            {
                problems.push(format!(
                    "{}: ```{} has no Run button but does not say why",
                    at(&file, block.line),
                    block.info
                ));
            }
        }
    }
    assert_none(
        problems,
        "Put the reason on the line above the block: `<!-- noplayground: <one-line reason> -->`.",
    );
}
