//! The `mdbook-listing-figures` preprocessor, run by mdBook as
//! `cargo run --quiet --locked -p mdbook-listing-figures` (see book.toml).
//!
//! mdBook calls it twice: `... supports <renderer>` (exit 0: every renderer
//! gets the same Markdown), then with no arguments and the book as JSON on
//! standard input, expecting the processed book as JSON on standard output.

use mdbook_listing_figures::ListingFigures;
use mdbook_preprocessor::Preprocessor;
use std::io;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("supports") {
        return ExitCode::SUCCESS;
    }
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("mdbook-listing-figures: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> mdbook_preprocessor::errors::Result<()> {
    let (ctx, book) = mdbook_preprocessor::parse_input(io::stdin())?;
    let book = ListingFigures.run(&ctx, book)?;
    serde_json::to_writer(io::stdout(), &book)?;
    Ok(())
}
