//! The book's own invariants. mdBook only logs a missing include and renders a
//! missing anchor as an empty block (exit code 0), so these tests catch what it
//! lets through. Every failure names the Markdown file and line.

use crate::assert_none;
use async_book_harness::chapters::{self, at};
use async_book_harness::listing::{self, Expect, OUTPUT_FILE};
use async_book_harness::relative;
use std::collections::BTreeSet;
use std::fs;

#[test]
fn every_include_and_anchor_resolves() {
    let mut problems = Vec::new();
    for inc in chapters::book_includes() {
        let place = at(&inc.file, inc.line);
        let target = relative(&inc.target).display().to_string();
        let Ok(text) = fs::read_to_string(&inc.target) else {
            problems.push(format!(
                "{place}: {{{{#{}}}}} names {target}, which does not exist",
                inc.kind
            ));
            continue;
        };
        let Some(selector) = &inc.selector else {
            continue;
        };
        let lines = text.lines().count();
        let first = selector.split(':').next().unwrap_or_default();
        if first.is_empty() || first.chars().all(|c| c.is_ascii_digit()) {
            // A line range such as `3:10`, `3:` or `:10`.
            for bound in selector.split(':').filter(|s| !s.is_empty()) {
                if !bound.parse().is_ok_and(|n: usize| (1..=lines).contains(&n)) {
                    problems.push(format!(
                        "{place}: line {bound} is outside {target} ({lines} lines)"
                    ));
                }
            }
        } else if !chapters::has_anchor(&text, selector) {
            problems.push(format!(
                "{place}: anchor `{selector}` is not in {target} (it needs `// ANCHOR: {selector}` and `// ANCHOR_END: {selector}`)"
            ));
        }
    }
    assert_none(
        problems,
        "Fix the path or anchor in the chapter, or add the anchor to the listing.",
    );
}

#[test]
fn every_rust_block_is_included_from_a_listing() {
    let mut problems = Vec::new();
    for block in chapters::book_code_blocks() {
        let body = block.body.trim();
        let only_include = !body.contains('\n')
            && (body.starts_with("{{#rustdoc_include") || body.starts_with("{{#include"));
        if block.is_rust() && !only_include {
            problems.push(format!(
                "{}: a Rust block written into the Markdown (```{})",
                block.place(),
                block.info
            ));
        }
    }
    assert_none(
        problems,
        "Chapters show Rust only by including a listing: move the code into a crate under listings/ \
         and write `{{#rustdoc_include ../../listings/<chapter>/<listing>/src/main.rs:<anchor>}}`.",
    );
}

#[test]
fn only_compile_error_listings_are_shown_untested() {
    // Skeptic skips `ignore` blocks, so such a block must show a listing
    // that the harness checks another way: one that must not compile.
    let listings = listing::all();
    let mut problems = Vec::new();
    for block in chapters::book_code_blocks() {
        if !block.is_rust() {
            continue;
        }
        let ignored = block.has("ignore");
        let target = block.include().map(|inc| inc.target).unwrap_or_default();
        let compile_error = listings
            .iter()
            .any(|l| matches!(l.expect, Expect::CompileError(_)) && target.starts_with(&l.dir));
        if ignored && !compile_error {
            problems.push(format!(
                "{}: ```{} is never tested; only a listing with `compile-error` in its Cargo.toml may be `ignore`",
                block.place(),
                block.info
            ));
        }
        if compile_error && !(ignored && block.has("compile_fail")) {
            problems.push(format!(
                "{}: this listing does not compile; mark the block ```rust,compile_fail,ignore",
                block.place()
            ));
        }
    }
    assert_none(problems, "");
}

#[test]
fn every_listing_and_its_output_are_in_the_book() {
    // A quiz's program question shows a listing's whole program, and its
    // answer the output (tests/book/quizzes.rs checks both against a real run).
    let quizzes = async_book_harness::quiz::shown_listings().into_iter();
    let included: BTreeSet<_> = chapters::book_includes()
        .into_iter()
        .map(|inc| inc.target)
        .chain(quizzes.flat_map(|(_, l)| [l.dir.join("src/main.rs"), l.output_file()]))
        .collect();
    let mut problems = Vec::new();
    for l in listing::all() {
        let rel = l.rel_dir().display().to_string();
        if !included.iter().any(|t| t.starts_with(l.dir.join("src"))) {
            problems.push(format!(
                "{rel}: no chapter includes this listing's code (an orphan: include it, or delete it)"
            ));
        }
        if !l.output_file().exists() {
            problems.push(format!(
                "{rel}/{OUTPUT_FILE}: missing; record it with `SNAPSHOTS=overwrite cargo test --test book -- {}`",
                l.test_name()
            ));
        } else if !included.contains(&l.output_file()) {
            problems.push(format!(
                "{rel}/{OUTPUT_FILE}: no chapter shows it; include it under the listing in a ```text block"
            ));
        }
    }
    assert_none(problems, "");
}

/// A quiz shows its program's code, but the reader who wants to run it needs
/// to know where it is: the page names each program's folder.
#[test]
fn every_quiz_program_is_named_on_its_page() {
    let mut problems = Vec::new();
    for (page, l) in async_book_harness::quiz::shown_listings() {
        let text = fs::read_to_string(&page).unwrap_or_default();
        let folder = format!("{}/", l.rel_dir().display());
        if !text.contains(&folder) {
            problems.push(format!(
                "{}: its quiz shows {folder} but the page does not name it",
                relative(&page).display()
            ));
        }
    }
    assert_none(
        problems,
        "After the quiz, write: The quiz's program is the listing `<folder>` in the book's \
         repository: after answering, try it yourself with `cargo run -p <package>`.",
    );
}

#[test]
fn summary_lists_exactly_the_chapter_files() {
    let src = async_book_harness::root().join("src");
    let summary_path = src.join("SUMMARY.md");
    assert!(summary_path.is_file(), "src/SUMMARY.md is missing");
    let link = regex::Regex::new(r"\]\(([^)#\s]+\.md)\)").unwrap();
    let mut problems = Vec::new();
    let listed: BTreeSet<_> = chapters::scan(&summary_path, &link, |line, cap| {
        let path = src.join(&cap[1]);
        if !path.is_file() {
            problems.push(format!(
                "{}: {} does not exist",
                at(&summary_path, line),
                &cap[1]
            ));
        }
        Some(path)
    })
    .into_iter()
    .collect();
    for file in chapters::markdown_files() {
        if file != summary_path && !listed.contains(&file) {
            problems.push(format!(
                "{}: not in src/SUMMARY.md, so mdBook never renders it",
                relative(&file).display()
            ));
        }
    }
    assert_none(problems, "");
}

#[test]
fn the_book_builds_with_mdbook() {
    let (warnings, result) = async_book_harness::book::build_html();
    result.unwrap_or_else(|e| panic!("mdBook failed to build the book: {e:#}\n{warnings}"));
    assert!(
        warnings.is_empty(),
        "mdBook built the book but warned (a missing include, a bad link...):\n{warnings}"
    );
}

/// Every path of the repository that its documentation, CI scripts and
/// harness name (`tests/book/quizzes.rs`, `.ci/install-quiz`...) exists, so
/// that a file that moves cannot leave a stale reference behind. The book's
/// pages are checked by the include tests above; paths with placeholders
/// (`listings/<chapter>/`, `src/img/timeline-*.svg`) and what a build makes
/// (`target/`, `book/`) are left out, and a path under `src/` or `tests/` may
/// also be a listing crate's own (`src/main.rs`).
#[test]
fn every_path_the_repository_names_exists() {
    let root = async_book_harness::root();
    let path = regex::Regex::new(
        r"(?:^|[^A-Za-z0-9_./~-])((?:\.ci|\.cargo|\.github|src|tests|listings|theme)/[A-Za-z0-9_./-]*)([*<{\[]?)",
    )
    .unwrap();
    let mut files: Vec<_> = ["README.md", "Cargo.toml", "book.toml", "build.rs"]
        .iter()
        .map(|f| root.join(f))
        .collect();
    for (dir, ext) in [
        (".cargo", "toml"),
        (".ci", ""),
        (".github/workflows", "yml"),
        ("tests", "rs"),
        ("tests", "md"),
        ("theme", "md"),
    ] {
        files.extend(
            chapters::files_with_extension(&root.join(dir), ext)
                .into_iter()
                .filter(|f| !f.components().any(|c| c.as_os_str() == "node_modules")),
        );
    }
    let crates: Vec<_> = listing::listing_dirs()
        .into_iter()
        .chain([root.join("theme/mdbook-listing-figures")])
        .collect();
    // What a build makes (`/target`, `/src/quiz/`...) is not committed.
    let ignored: Vec<String> = fs::read_to_string(root.join(".gitignore"))
        .unwrap_or_default()
        .lines()
        .filter_map(|l| l.strip_prefix('/'))
        .map(|l| l.trim_end_matches('/').to_owned())
        .collect();
    let mut problems = Vec::new();
    for file in files {
        problems.extend(chapters::scan(&file, &path, |line, cap| {
            let named = cap[1].trim_end_matches(['.', '/', '-']);
            // Not when a placeholder or a glob follows, it is relative, or built.
            let skipped = !cap[2].is_empty()
                || named.contains("..")
                || ignored.iter().any(|g| named.starts_with(g.as_str()));
            let exists = root.join(named).exists()
                || ((named.starts_with("src/") || named.starts_with("tests/"))
                    && crates.iter().any(|c| c.join(named).exists()));
            (!skipped && !exists).then(|| {
                format!(
                    "{}: `{named}` does not exist (moved or renamed?)",
                    at(&file, line)
                )
            })
        }));
    }
    assert_none(
        problems,
        "Point the reference at where the file is now, or drop it.",
    );
}
