//! `theme/index.hbs` is mdBook's own page template with the book's changes,
//! and nothing else: this test takes the template of the mdBook the book is
//! built with (mdbook-html, the version in `.ci/versions.env`), applies the
//! changes below, and compares the result with the committed file.
//!
//! After an mdBook upgrade, or to change a patch, regenerate the file:
//! `THEME=overwrite cargo test -p mdbook-listing-figures --test theme_index`.

use std::path::{Path, PathBuf};

/// `(what mdBook's template has, exactly once; what the book's has instead)`.
const PATCHES: &[(&str, &str)] = &[
    (
        // A description per page: the page's title before the book's.
        r#"        <meta name="description" content="{{ description }}">
"#,
        r#"        {{!-- The book's change (theme/README.md): a description per page. --}}
        <meta name="description" content="{{#if chapter_title}}{{#if section}}{{ section }} {{/if}}{{ chapter_title }} — {{/if}}{{ description }}">
"#,
    ),
    (
        // The editor (ace, about 370 KB) only on a page with an editable
        // block. Before it loads, note which rows of each editable block are
        // hidden lines: ace shows them all, and theme/editable.js folds them.
        r#"        {{#if playground_js}}
        <script src="{{ resource "ace.js" }}"></script>
        <script src="{{ resource "mode-rust.js" }}"></script>
        <script src="{{ resource "editor.js" }}"></script>
        <script src="{{ resource "theme-dawn.js" }}"></script>
        <script src="{{ resource "theme-tomorrow_night.js" }}"></script>
        {{/if}}
"#,
        r#"        {{#if playground_js}}
        {{!-- The book's change (theme/README.md): the editor only where a block is editable. --}}
        <script>
            (function loadEditor() {
                const blocks = document.querySelectorAll('code.editable');
                if (blocks.length === 0) return;
                blocks.forEach(function(code) {
                    const hidden = [];
                    let row = 0;
                    code.childNodes.forEach(function(node) {
                        if (node.nodeType === 1 && node.classList.contains('boring')) hidden.push(row);
                        row += (node.textContent.match(/\n/g) || []).length;
                    });
                    code.dataset.hiddenRows = hidden.join(' ');
                });
                // Written while the page is parsed, so they run in order, before book.js.
                document.write('<script src="{{ resource "ace.js" }}"><\/script>'
                    + '<script src="{{ resource "mode-rust.js" }}"><\/script>'
                    + '<script src="{{ resource "editor.js" }}"><\/script>'
                    + '<script src="{{ resource "theme-dawn.js" }}"><\/script>'
                    + '<script src="{{ resource "theme-tomorrow_night.js" }}"><\/script>');
            })();
        </script>
        {{/if}}
"#,
    ),
];

const HEADER: &str = "{{!-- mdBook's index.hbs (mdbook-html VERSION) with the book's changes, each \
marked \"The book's change\". Generated: see theme/mdbook-listing-figures/tests/theme_index.rs. --}}\n";

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The version of mdbook-html in the workspace's Cargo.lock.
fn mdbook_html_version() -> String {
    let lock = std::fs::read_to_string(repository().join("Cargo.lock")).unwrap();
    let at = lock
        .find("name = \"mdbook-html\"\nversion = \"")
        .expect("mdbook-html in Cargo.lock");
    let rest = &lock[at + "name = \"mdbook-html\"\nversion = \"".len()..];
    rest[..rest.find('"').unwrap()].to_owned()
}

fn stock_index() -> String {
    let dir = tempfile::tempdir().unwrap();
    let mut config = mdbook_preprocessor::config::HtmlConfig::default();
    config.theme = Some(dir.path().join("theme"));
    mdbook_html::theme::Theme::copy_theme(&config, dir.path()).unwrap();
    std::fs::read_to_string(dir.path().join("theme/index.hbs")).unwrap()
}

#[test]
fn theme_index_is_mdbooks_template_with_the_books_changes() {
    let version = mdbook_html_version();
    let pinned = std::fs::read_to_string(repository().join(".ci/versions.env")).unwrap();
    assert!(
        pinned.contains(&format!("MDBOOK_VERSION={version}\n")),
        "the book is built with mdbook {version} (Cargo.lock's mdbook-html), \
         but .ci/versions.env pins another MDBOOK_VERSION: keep them the same"
    );
    let mut index = stock_index();
    for (from, to) in PATCHES {
        assert_eq!(
            index.matches(from).count(),
            1,
            "mdBook {version}'s index.hbs no longer has, exactly once:\n{from}\n\
             Update the patch in {} to the new template.",
            file!()
        );
        index = index.replacen(from, to, 1);
    }
    let expected = HEADER.replace("VERSION", &version) + &index;
    let path = repository().join("theme/index.hbs");
    if std::env::var("THEME").as_deref() == Ok("overwrite") {
        std::fs::write(&path, &expected).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == expected,
        "theme/index.hbs is not mdBook {version}'s template with the patches of {}; \
         regenerate it: THEME=overwrite cargo test -p mdbook-listing-figures --test theme_index",
        file!()
    );
}
