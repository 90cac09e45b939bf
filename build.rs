//! Turns the book's chapters into doctests.
//!
//! mdBook's own include preprocessor (`mdbook-driver`'s `LinkPreprocessor`,
//! the code behind `{{#include}}` and `{{#rustdoc_include}}`) expands every
//! chapter exactly as `mdbook build` does; the expanded chapters are written
//! to `$OUT_DIR/chapters/` and handed to skeptic, which makes one test per
//! Rust block (see tests/book/doctests.rs). Only that preprocessor runs here: the
//! book's other preprocessors do not change code blocks, and a build script
//! must not start other programs that may need cargo.
//!
//! It also writes one test per listing crate (see `listing_tests`).

use mdbook_driver::MDBook;
use mdbook_driver::book::BookItem;
use mdbook_driver::builtin_preprocessors::LinkPreprocessor;
use mdbook_preprocessor::{Preprocessor, PreprocessorContext};
use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    for watched in ["book.toml", "src", "listings"] {
        println!("cargo::rerun-if-changed={watched}");
    }

    let book = MDBook::load(&root).unwrap_or_else(|e| panic!("cannot load the book: {e:#}"));
    let ctx = PreprocessorContext::new(root.clone(), book.config.clone(), "html".into());
    let expanded = LinkPreprocessor::new()
        .run(&ctx, book.book.clone())
        .unwrap_or_else(|e| panic!("cannot expand the book's includes: {e:#}"));

    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    let out_dir = out.join("chapters");
    fs::create_dir_all(&out_dir).unwrap();
    let mut chapters = Vec::new();
    for item in expanded.iter() {
        let BookItem::Chapter(chapter) = item else {
            continue;
        };
        let Some(path) = &chapter.path else { continue };
        // Skeptic names each test after the file's stem, its section and the
        // block's line in this file: `ch01_introduction_await_sect_await_line_12`.
        let flat = path
            .with_extension("")
            .to_string_lossy()
            .replace(['/', '\\'], "--");
        let file = out_dir.join(format!("{flat}.md"));
        write_if_changed(&file, &chapter.content);
        // Skeptic tells cargo to rerun this script when one of these files
        // changes, and cargo takes a file written while the script ran for a
        // change: the next cargo command (in a fresh clone's first run, the
        // `cargo test --no-run` that tests/harness/runner.rs runs) would rerun
        // it and rebuild the harness, and skeptic, whose binary cache is keyed
        // on the size and time of every library it links, would then
        // recompile every block. They only change with book.toml, src/ and
        // listings/, watched above, so they are dated 1970.
        fs::File::options()
            .write(true)
            .open(&file)
            .and_then(|f| f.set_modified(std::time::UNIX_EPOCH))
            .unwrap();
        chapters.push(file);
    }
    skeptic::generate_doc_tests(&chapters);

    // Route each run through tests/book/doctests.rs's `run_each_program_once`
    // (see there: it works around a race in skeptic 0.14.2's binary cache).
    // Skeptic has no hook for this: its generated file starts with
    // `extern crate skeptic;` and calls `skeptic::rt::run_test`, so the name
    // cannot be shadowed from the including module either.
    let generated = fs::read_to_string(out.join("skeptic-tests.rs")).unwrap();
    let routed = generated.replace("skeptic::rt::run_test(", "run_each_program_once(");
    assert_ne!(
        routed, generated,
        "skeptic no longer generates `skeptic::rt::run_test(` calls: update build.rs"
    );
    write_if_changed(&out.join("book-doctests.rs"), &routed);

    write_if_changed(&out.join("listing-tests.rs"), &listing_tests(&root));
}

/// One `#[test]` per listing crate (`listings/<chapter>/<listing>/`), named
/// after its package with `-` turned into `_` (as `Listing::test_name` says).
fn listing_tests(root: &Path) -> String {
    let mut names = Vec::new();
    for chapter in fs::read_dir(root.join("listings")).unwrap().flatten() {
        for dir in fs::read_dir(chapter.path()).into_iter().flatten().flatten() {
            let path = dir.path().join("Cargo.toml");
            let Ok(manifest) = fs::read_to_string(&path) else {
                continue;
            };
            let manifest: toml::Table = manifest
                .parse()
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            names.push(manifest["package"]["name"].as_str().unwrap().to_owned());
        }
    }
    names.sort();
    let test = |name: &String| {
        let ident = name.replace('-', "_");
        format!(
            "#[test]\nfn {ident}() {{\n    async_book_harness::check::listing({name:?});\n}}\n\n"
        )
    };
    names.iter().map(test).collect()
}

/// Rewriting an unchanged file would make cargo rerun this script every time.
fn write_if_changed(path: &Path, contents: &str) {
    if fs::read_to_string(path).ok().as_deref() != Some(contents) {
        fs::write(path, contents).unwrap();
    }
}
