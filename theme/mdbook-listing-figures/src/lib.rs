//! An mdBook preprocessor that shows every listing of the book as a captioned
//! figure, and every listing's output as a labelled output block, without any
//! markup in the chapters.
//!
//! It runs before mdBook's `links` preprocessor, so it still sees the
//! `{{#rustdoc_include ../../listings/<chapter>/<listing>/src/main.rs:anchor}}`
//! directive that is a block's only content, and knows which file the block
//! shows. It then wraps the block in HTML that mdBook passes through:
//!
//! - a code block (Rust, TOML...) becomes `<figure class="listing">` with a
//!   `<figcaption>`: "Listing 1-3" (a permalink to the figure) and what the
//!   listing shows, the `description` of its crate's `Cargo.toml` ("Listing
//!   1-3: Two futures run concurrently with `join!`"; a listing without one
//!   is an error), then, smaller, the listing's package name and the file it
//!   comes from (a link to it in the repository when
//!   `output.html.git-repository-url` is set); a "does not compile" mark for
//!   a `compile_fail` block, and the reason given in a
//!   `<!-- noplayground: reason -->` comment above a `noplayground` block;
//! - a block that includes a listing's `output.txt` becomes
//!   `<figure class="listing-output">` captioned "Output" ("Compiler error"
//!   for a listing that must not compile), and one that includes its
//!   `stderr.txt` is captioned "Standard error".
//!
//! Blocks that include nothing from `listings/` are left alone.
//!
//! A picture included on a line of its own (`{{#include ../img/x.svg}}`)
//! becomes a numbered figure captioned with the SVG's `<title>` (see
//! `pictures`), and each quiz gets a printable copy, its answers going to the
//! end of the chapter (see `quiz_print`).
//!
//! It also renders the claims ledger, `{{#proof package::path::test}}`, as a
//! link to the test that proves a claim (see `proof`), and removes the asset
//! tags mdbook-quiz appends to chapters with a quiz (see `quiz_assets`);
//! book.toml runs mdbook-quiz before it.

mod blocks;
mod figure;
mod listing;
mod pictures;
pub mod proof;
mod quiz_assets;
mod quiz_print;

pub use blocks::{IncludeBlock, include_blocks, noplayground_reason};
pub use figure::{Numbering, wrap_chapter};
pub use listing::{Listing, description_problem, read_listing};
pub use pictures::wrap_pictures;
pub use quiz_assets::strip_quiz_assets;
pub use quiz_print::{QuizAnswers, answers_html, print_quizzes};

use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::errors::Result;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

/// Calls `f` on every item, each before its sub-items: the order of
/// SUMMARY.md. (`Book::for_each_mut` calls it after them.)
fn pre_order_mut(items: &mut [BookItem], f: &mut impl FnMut(&mut BookItem)) {
    for item in items {
        f(item);
        if let BookItem::Chapter(chapter) = item {
            pre_order_mut(&mut chapter.sub_items, f);
        }
    }
}

/// What `mdbook test` says, instead of failing on every block that uses a
/// crate: rustdoc, which it runs on each chapter, links no dependencies.
pub const MDBOOK_TEST: &str = "`mdbook test` cannot test this book: its Rust blocks use \
Tokio, futures and async-trait, which the rustdoc that `mdbook test` runs cannot link. \
Run `cargo test` instead, from the repository's root: it compiles, runs and checks \
every listing and every Rust block of the book, as the reader sees them \
(see README.md, \"What `cargo test` checks\").";

/// The preprocessor, as mdBook's `Preprocessor` trait wants it.
pub struct ListingFigures;

impl Preprocessor for ListingFigures {
    fn name(&self) -> &str {
        "listing-figures"
    }

    fn run(&self, ctx: &PreprocessorContext, mut book: Book) -> Result<Book> {
        if ctx.renderer == "test" {
            return Err(mdbook_preprocessor::errors::Error::msg(MDBOOK_TEST));
        }
        let repository: Option<String> = ctx.config.get("output.html.git-repository-url")?;
        let src_dir = ctx.root.join(&ctx.config.book.src);
        // "Chapter 1, Introduction to Async/Await", for each top-level chapter.
        let mut chapters = BTreeMap::new();
        for item in &book.items {
            if let BookItem::Chapter(ch) = item
                && let Some(n) = ch.number.as_ref().and_then(|n| n.first().copied())
            {
                chapters.insert(n, format!("Chapter {n}, {}", ch.name));
            }
        }
        let mut numbering = Numbering::default();
        let mut error = None;
        // Each page's quiz answers.
        let mut answers: HashMap<PathBuf, Vec<QuizAnswers>> = HashMap::new();
        // In the order of SUMMARY.md, which is the order of the numbers.
        pre_order_mut(&mut book.items, &mut |item| {
            let BookItem::Chapter(chapter) = item else {
                return;
            };
            let Some(path) = &chapter.source_path else {
                return;
            };
            let chapter_dir = src_dir.join(path).parent().map(ToOwned::to_owned);
            let chapter_number = chapter.number.as_ref().and_then(|n| n.first().copied());
            let ctx = figure::Context {
                root: &ctx.root,
                chapter_dir: chapter_dir.as_deref().unwrap_or(&src_dir),
                repository: repository.as_deref(),
            };
            let whole = chapter_number
                .and_then(|n| chapters.get(&n).cloned())
                .unwrap_or_else(|| "this page".to_owned());
            let page = match &chapter.number {
                Some(n) => format!("{n} {}", chapter.name),
                None => chapter.name.clone(),
            };
            let wrapped = wrap_chapter(&chapter.content, &ctx, chapter_number, &mut numbering)
                .and_then(|content| proof::render(&content, ctx.root, ctx.repository))
                .and_then(|content| {
                    wrap_pictures(&content, ctx.chapter_dir, chapter_number, &mut numbering)
                })
                .and_then(|content| print_quizzes(&content, ctx.chapter_dir, &page, &whole));
            match wrapped {
                Ok((content, quizzes)) => {
                    chapter.content = strip_quiz_assets(&content);
                    answers.insert(path.clone(), quizzes);
                }
                Err(e) => {
                    error.get_or_insert(format!("{}: {e}", path.display()));
                }
            }
        });
        // The answers of a chapter's quizzes go at the end of its last page
        // (an unnumbered page keeps its own).
        let mut chapter_answers: Vec<(String, Vec<QuizAnswers>, PathBuf)> = Vec::new();
        let mut last_key = None;
        for item in book.iter() {
            let BookItem::Chapter(chapter) = item else {
                continue;
            };
            let Some(path) = &chapter.source_path else {
                continue;
            };
            let top = chapter.number.as_ref().and_then(|n| n.first().copied());
            let key = match top {
                Some(n) => format!("chapter {n}"),
                None => format!("page {}", path.display()),
            };
            if last_key.as_ref() != Some(&key) {
                let whole = top
                    .and_then(|n| chapters.get(&n).cloned())
                    .unwrap_or_else(|| "this page".to_owned());
                chapter_answers.push((whole, Vec::new(), path.clone()));
                last_key = Some(key);
            }
            let current = chapter_answers.last_mut().expect("pushed above");
            current.1.extend(answers.remove(path).unwrap_or_default());
            current.2 = path.clone();
        }
        book.for_each_mut(|item| {
            let BookItem::Chapter(chapter) = item else {
                return;
            };
            for (whole, quizzes, last) in &chapter_answers {
                if !quizzes.is_empty() && chapter.source_path.as_ref() == Some(last) {
                    chapter.content.push_str("\n\n");
                    chapter.content.push_str(&answers_html(whole, quizzes));
                    chapter.content.push('\n');
                }
            }
        });
        match error {
            Some(e) => Err(mdbook_preprocessor::errors::Error::msg(e)),
            None => Ok(book),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mdbook_preprocessor::config::Config;
    use std::path::PathBuf;

    #[test]
    fn mdbook_test_gets_one_message_that_says_to_run_cargo_test() {
        let ctx = PreprocessorContext::new(PathBuf::from("."), Config::default(), "test".into());
        let error = ListingFigures.run(&ctx, Book::new()).unwrap_err();
        assert_eq!(error.to_string(), MDBOOK_TEST);
        assert!(MDBOOK_TEST.contains("Run `cargo test` instead"));
    }

    /// A chapter (an index page with a listing, then a page with a quiz
    /// rendered as mdbook-quiz would) and its listing crate.
    fn two_page_book() -> (tempfile::TempDir, Book) {
        use mdbook_preprocessor::book::{Chapter, SectionNumber};
        let dir = tempfile::tempdir().unwrap();
        let crate_dir = dir.path().join("listings/ch01-intro/hello");
        std::fs::create_dir_all(crate_dir.join("src")).unwrap();
        std::fs::write(
            crate_dir.join("Cargo.toml"),
            "[package]\nname = \"ch01-hello\"\ndescription = \"Says hello\"\n",
        )
        .unwrap();
        let listing =
            "```rust\n{{#rustdoc_include ../../listings/ch01-intro/hello/src/main.rs}}\n```\n";
        let quiz = r#"<div class="quiz-placeholder" data-quiz-questions="{&quot;questions&quot;:[{&quot;type&quot;:&quot;ShortAnswer&quot;,&quot;prompt&quot;:{&quot;prompt&quot;:&quot;Which?&quot;},&quot;answer&quot;:{&quot;answer&quot;:&quot;this&quot;}}]}"></div>"#;
        let mut index = Chapter::new("Intro", listing.into(), "ch01-intro/index.md", vec![]);
        index.number = Some(SectionNumber::new(vec![1]));
        let mut page = Chapter::new(
            "Page",
            format!("{listing}\n{quiz}\n"),
            "ch01-intro/page.md",
            vec!["Intro".into()],
        );
        page.number = Some(SectionNumber::new(vec![1, 1]));
        index.sub_items.push(BookItem::Chapter(page));
        (dir, Book::new_with_items(vec![BookItem::Chapter(index)]))
    }

    fn content_of(book: &Book, name: &str) -> String {
        book.iter()
            .find_map(|item| match item {
                BookItem::Chapter(ch) if ch.name == name => Some(ch.content.clone()),
                _ => None,
            })
            .unwrap()
    }

    #[test]
    fn numbers_in_the_order_of_the_summary_and_puts_the_answers_at_the_chapters_end() {
        let (dir, book) = two_page_book();
        let ctx = PreprocessorContext::new(dir.path().into(), Config::default(), "html".into());
        let book = ListingFigures.run(&ctx, book).unwrap();
        let index = content_of(&book, "Intro");
        let page = content_of(&book, "Page");
        assert!(index.contains(">Listing 1-1</a>: <span class=\"listing-description\">Says hello"));
        assert!(page.contains(">Listing 1-2</a>"));
        assert!(page.contains(r#"<div class="quiz-print">"#));
        assert!(!index.contains("quiz-answers"));
        assert!(page.contains("Answers to the quizzes of Chapter 1, Intro"));
        assert!(page.contains(
            r#"<p class="quiz-answers-page">1.1. Page</p><ol><li><code>this</code></li></ol>"#
        ));
    }

    #[test]
    fn other_renderers_get_the_book() {
        let ctx = PreprocessorContext::new(PathBuf::from("."), Config::default(), "html".into());
        assert!(ListingFigures.run(&ctx, Book::new()).is_ok());
    }
}
