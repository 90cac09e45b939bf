//! The claims ledger: every `{{#proof <package>::<path>::<test>}}` in a
//! chapter names a test that exists, is marked `#[test]`/`#[tokio::test]`
//! and is not `#[ignore]`d, in a listing whose tests `cargo test` runs. The
//! rules are the preprocessor's (theme/mdbook-listing-figures/src/proof.rs),
//! which renders each directive as a link to that test's line.

use crate::assert_none;
use async_book_harness::chapters::{self, at};
use async_book_harness::root;
use mdbook_listing_figures::proof;
use std::fs;

#[test]
fn every_proof_names_a_test_that_runs() {
    let mut problems = Vec::new();
    for file in chapters::markdown_files() {
        let text = fs::read_to_string(&file).unwrap_or_default();
        for directive in proof::directives(&text) {
            if let Err(e) = proof::resolve(root(), &directive.name) {
                problems.push(format!(
                    "{}: {{{{#proof {}}}}}: {e}",
                    at(&file, directive.line),
                    directive.name
                ));
            }
        }
    }
    assert_none(
        problems,
        "A proof names a listing's package, then the test's module path in that crate: \
         `{{#proof ch01-join-two-tasks::tests::join_takes_exactly_one_second}}`. \
         Fix the name, or write the test (see README, \"Proving a claim\").",
    );
}
