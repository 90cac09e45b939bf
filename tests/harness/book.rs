//! Builds the book in-process, as `mdbook build` would.

use mdbook_driver::MDBook;
use std::sync::Arc;

/// Builds the book's HTML into a temporary folder. Returns what mdBook logged
/// at WARN level or above (it only logs some problems, such as a missing
/// include, and still succeeds) together with the build's result.
pub fn build_html() -> (String, Result<(), mdbook_driver::errors::Error>) {
    let log = tempfile::NamedTempFile::new().expect("no temp file");
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::WARN)
        .with_ansi(false)
        .without_time()
        .with_writer(Arc::new(log.reopen().expect("cannot reopen the temp file")))
        .finish();
    let out = tempfile::tempdir().expect("no temp dir");
    let result = tracing::subscriber::with_default(subscriber, || {
        // Without the mdbook-quiz preprocessor. It is an optional external
        // program: when it is missing mdBook warns (which would fail the build
        // check on a machine without it), and when it is there it writes its
        // assets into `src/quiz/`. The quizzes themselves are checked by
        // tests/book/quizzes.rs; `mdbook build` in .ci/run renders them.
        let text = std::fs::read_to_string(crate::root().join("book.toml"))?;
        let mut config: toml::Table = toml::from_str(&text)?;
        if let Some(toml::Value::Table(pre)) = config.get_mut("preprocessor") {
            pre.remove("quiz");
        }
        let mut book = MDBook::load_with_config(crate::root(), toml::to_string(&config)?.parse()?)?;
        book.config.build.build_dir = out.path().to_path_buf();
        // The book's own preprocessor runs in-process, in the place book.toml
        // gives it (mdBook replaces a preprocessor of the same name where it
        // stands). Run as book.toml's `cargo run -p mdbook-listing-figures`
        // it would be built again, its dependencies with the features its
        // package alone asks for (`serde_json`, `syn`, ...): measured, about
        // 20 CPU-seconds at the end of a fresh clone's run.
        book.with_preprocessor(mdbook_listing_figures::ListingFigures);
        let html = mdbook_html::HtmlHandlebars::new();
        book.execute_build_process(&html)
    });
    let warnings = std::fs::read_to_string(log.path()).unwrap_or_default();
    (warnings, result)
}
