//! Every listing crate says what it shows: its `Cargo.toml` has a
//! `description` in `[package]`, which the book shows as the listing's
//! caption ("Listing 1-2: Two futures run concurrently with `join!`").
//! Read with the book's own preprocessor (theme/mdbook-listing-figures), so
//! the rule is the one the caption follows.

use crate::assert_none;
use async_book_harness::{listing, relative};
use mdbook_listing_figures::{description_problem, read_listing};

#[test]
fn every_listing_has_a_description_for_its_caption() {
    let mut problems = Vec::new();
    let dirs = listing::listing_dirs();
    assert!(!dirs.is_empty(), "no listing crate found under listings/");
    for dir in dirs {
        let manifest = relative(&dir.join("Cargo.toml")).display().to_string();
        match read_listing(&dir) {
            Ok(l) => problems.extend(
                description_problem(l.description.as_deref())
                    .map(|problem| format!("{} ({manifest}): {problem}", l.package)),
            ),
            Err(e) => problems.push(format!("{manifest}: {e}")),
        }
    }
    assert_none(
        problems,
        "Give each listing crate one sentence that says what it shows, as its caption:\n\
         [package]\n\
         description = \"Two futures run concurrently with `join!`\"\n\
         (sentence case, no full stop, backticks for code).",
    );
}
