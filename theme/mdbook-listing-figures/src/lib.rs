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
//! `pictures`).
//!
//! It also removes the asset tags mdbook-quiz appends to chapters with a quiz
//! (see `quiz_assets`); book.toml runs mdbook-quiz before it.

mod blocks;
mod figure;
mod listing;
mod pictures;
mod quiz_assets;

pub use blocks::{IncludeBlock, include_blocks, noplayground_reason};
pub use figure::{Numbering, wrap_chapter};
pub use listing::{Listing, description_problem, read_listing};
pub use pictures::wrap_pictures;
pub use quiz_assets::strip_quiz_assets;

use mdbook_preprocessor::book::{Book, BookItem};
use mdbook_preprocessor::errors::Result;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};

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
        let mut numbering = Numbering::default();
        let mut error = None;
        book.for_each_mut(|item| {
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
            let wrapped = wrap_chapter(&chapter.content, &ctx, chapter_number, &mut numbering)
                .and_then(|content| {
                    wrap_pictures(&content, ctx.chapter_dir, chapter_number, &mut numbering)
                });
            match wrapped {
                Ok(content) => chapter.content = strip_quiz_assets(&content),
                Err(e) => {
                    error.get_or_insert(format!("{}: {e}", path.display()));
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

    #[test]
    fn other_renderers_get_the_book() {
        let ctx = PreprocessorContext::new(PathBuf::from("."), Config::default(), "html".into());
        assert!(ListingFigures.run(&ctx, Book::new()).is_ok());
    }
}
