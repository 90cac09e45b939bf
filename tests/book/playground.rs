//! The Rust Playground rules that need no run: see tests/harness/playground.rs.

use crate::assert_none;
use async_book_harness::playground::{self, NOPLAYGROUND_HOWTO, PLAYGROUND_CRATES};
use async_book_harness::{chapters, listing, relative};

#[test]
fn runnable_listings_use_only_crates_the_playground_has() {
    let blocks = playground::runnable_blocks();
    let mut problems = Vec::new();
    for l in listing::all() {
        let foreign: Vec<_> = l
            .dependencies
            .iter()
            .filter(|d| !PLAYGROUND_CRATES.contains(&d.as_str()))
            .map(|d| format!("`{d}`"))
            .collect();
        if foreign.is_empty() {
            continue;
        }
        for block in playground::blocks_showing(&blocks, &l) {
            problems.push(format!(
                "{}: this block has a Run button, but its listing {} ({}) depends on {}, \
                 which the book does not promise on the Rust Playground (only std and {}).",
                block.place,
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
    for block in chapters::book_code_blocks() {
        let marked = block.has("noplayground") || block.has("noplaypen");
        if block.is_rust()
            && marked
            && playground::noplayground_reason(&block.file, block.line).is_none()
        {
            problems.push(format!(
                "{}: ```{} has no Run button but does not say why",
                block.place(),
                block.info
            ));
        }
    }
    assert_none(
        problems,
        "Put the reason on the line above the block: `<!-- noplayground: <one-line reason> -->`.",
    );
}
