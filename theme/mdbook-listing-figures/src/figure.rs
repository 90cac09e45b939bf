//! Wraps a chapter's listing blocks in captioned figures (see the crate docs).

use crate::blocks::{IncludeBlock, include_blocks};
use crate::listing::{Included, included};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// Where a chapter is, and where the repository is published.
pub struct Context<'a> {
    /// The book's root (where `book.toml` and `listings/` are).
    pub root: &'a Path,
    /// The folder of the chapter's Markdown file: include paths start there.
    pub chapter_dir: &'a Path,
    /// `output.html.git-repository-url`, to link each listing's file.
    pub repository: Option<&'a str>,
}

/// Counts the listings of each chapter across its pages: "Listing 1-3" is the
/// third listing figure of chapter 1. Unnumbered pages count on their own.
/// Pictures ("Figure 1-2") are counted the same way, on their own.
#[derive(Debug, Default)]
pub struct Numbering {
    next: BTreeMap<(&'static str, Option<u32>), u32>,
}

impl Numbering {
    fn next_label(&mut self, chapter: Option<u32>) -> String {
        self.next_of("Listing", chapter)
    }

    /// "Figure 1-2", "Figure 3"...
    pub(crate) fn next_of(&mut self, kind: &'static str, chapter: Option<u32>) -> String {
        let n = self.next.entry((kind, chapter)).or_insert(0);
        *n += 1;
        match chapter {
            Some(c) => format!("{kind} {c}-{n}"),
            None => format!("{kind} {n}"),
        }
    }
}

/// Returns `markdown` with every block that includes a listing's file wrapped.
pub fn wrap_chapter(
    markdown: &str,
    ctx: &Context<'_>,
    chapter_number: Option<u32>,
    numbering: &mut Numbering,
) -> Result<String, String> {
    let mut out = String::with_capacity(markdown.len() * 2);
    let mut ids = HashSet::new();
    let mut copied = 0;
    for block in include_blocks(markdown) {
        let Some(inc) = included(ctx.root, ctx.chapter_dir, &block.path)? else {
            continue;
        };
        let (open, close) = if is_output(&inc.path) {
            output_html(&inc, &mut ids)
        } else {
            let label = numbering.next_label(chapter_number);
            figure_html(&block, &inc, &label, ctx.repository, &mut ids)?
        };
        out.push_str(&markdown[copied..block.lines.start]);
        push_lines(&mut out, &block.prefix, &open);
        out.push_str(&markdown[block.lines.clone()]);
        if !out.ends_with('\n') {
            out.push('\n');
        }
        push_lines(&mut out, &block.prefix, &close);
        // A blank line after `</figure>` ends the HTML block, so that what
        // follows is Markdown again.
        let rest = &markdown[block.lines.end..];
        let next_line = rest.lines().next().unwrap_or_default();
        if !rest.is_empty() && !next_line.trim_start_matches(['>', ' ', '\t']).is_empty() {
            push_lines(&mut out, &block.prefix, &[String::new()]);
        }
        copied = block.lines.end;
    }
    out.push_str(&markdown[copied..]);
    Ok(out)
}

fn is_output(path: &str) -> bool {
    path.ends_with("/output.txt") || path.ends_with("/stderr.txt")
}

/// Adds `lines` with `prefix` before each, so that they stay in the block's
/// list item or block quote.
fn push_lines(out: &mut String, prefix: &str, lines: &[String]) {
    for line in lines {
        out.push_str(prefix);
        out.push_str(line);
        out.push('\n');
    }
}

/// The lines before and after a code block. The blank lines matter: they end
/// the HTML blocks, so that the fence between them is Markdown again.
fn figure_html(
    block: &IncludeBlock,
    inc: &Included,
    label: &str,
    repository: Option<&str>,
    ids: &mut HashSet<String>,
) -> Result<(Vec<String>, Vec<String>), String> {
    let listing = &inc.listing;
    let mut base = format!("listing-{}", slug(&listing.folder));
    if let Some(anchor) = block.selector.as_deref().filter(|s| is_anchor(s)) {
        base = format!("{base}-{}", slug(anchor));
    }
    let id = unique(base, ids);
    let compile_fail = block.has_attribute("compile_fail");
    let mut classes = vec!["listing"];
    if compile_fail {
        classes.push("does-not-compile");
    }
    let Some(description) = listing.description.as_deref() else {
        return Err(format!(
            "{}/Cargo.toml has no `description` in `[package]`: the book shows it as the \
             caption of {label} (one sentence that says what the listing shows)",
            inc.path.split('/').take(3).collect::<Vec<_>>().join("/")
        ));
    };
    // "Listing 1-3: Two futures run concurrently with `join!`", then, smaller,
    // where it comes from: the package and the file.
    let mut caption = format!(
        r##"<figcaption class="listing-caption"><span class="listing-title"><a class="listing-label" href="#{id}">{label}</a>: <span class="listing-description">{}</span>"##,
        inline_code(description.trim())
    );
    if compile_fail {
        caption.push_str(r#" <span class="listing-badge">does not compile</span>"#);
    }
    caption.push_str("</span>");
    caption.push_str(&format!(
        r#" <span class="listing-source"><span class="listing-name">{}</span>"#,
        escape(&listing.package)
    ));
    let path = escape(&inc.path);
    match repository {
        Some(repo) => caption.push_str(&format!(
            r#" <a class="listing-file" href="{}/blob/HEAD/{path}">{path}</a>"#,
            escape(repo.trim_end_matches('/'))
        )),
        None => caption.push_str(&format!(r#" <span class="listing-file">{path}</span>"#)),
    }
    caption.push_str("</span>");
    if let Some(reason) = &block.noplayground_reason {
        caption.push_str(&format!(
            r#" <span class="listing-note">No Run button: {}</span>"#,
            escape(reason)
        ));
    }
    caption.push_str("</figcaption>");
    let open = vec![
        format!(
            r#"<figure class="{}" id="{id}" data-listing="{}">"#,
            classes.join(" "),
            escape(&listing.package)
        ),
        caption,
        String::new(),
    ];
    Ok((open, closing()))
}

fn output_html(inc: &Included, ids: &mut HashSet<String>) -> (Vec<String>, Vec<String>) {
    let listing = &inc.listing;
    let (class, label) = if inc.path.ends_with("/stderr.txt") {
        ("listing-output stderr", "Standard error")
    } else if listing.compile_error {
        ("listing-output compiler-error", "Compiler error")
    } else {
        ("listing-output", "Output")
    };
    let id = unique(format!("listing-{}-output", slug(&listing.folder)), ids);
    let open = vec![
        format!(
            r#"<figure class="{class}" id="{id}" data-listing="{}">"#,
            escape(&listing.package)
        ),
        format!(r#"<figcaption class="listing-output-label">{label}</figcaption>"#),
        String::new(),
    ];
    (open, closing())
}

fn closing() -> Vec<String> {
    vec![String::new(), "</figure>".into()]
}

/// An anchor name, not a line range such as `3:10`.
fn is_anchor(selector: &str) -> bool {
    selector
        .split(':')
        .next()
        .is_some_and(|s| !s.is_empty() && !s.chars().all(|c| c.is_ascii_digit()))
}

/// A fragment-safe id part: lowercase letters, digits and `-`.
pub(crate) fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

/// `base`, or `base-2`, `base-3`... if the page already has it.
pub(crate) fn unique(base: String, ids: &mut HashSet<String>) -> String {
    let mut id = base.clone();
    let mut n = 1;
    while !ids.insert(id.clone()) {
        n += 1;
        id = format!("{base}-{n}");
    }
    id
}

/// A caption's Markdown, which is only text and `code`: the parts between
/// backticks become `<code>`, and everything is escaped.
fn inline_code(text: &str) -> String {
    text.split('`')
        .enumerate()
        .map(|(i, part)| {
            if i % 2 == 1 {
                format!("<code>{}</code>", escape(part))
            } else {
                escape(part)
            }
        })
        .collect()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    /// A book root with two listing crates, one meant not to compile.
    fn book() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for (folder, package, extra) in [
            ("join-two-tasks", "ch01-join-two-tasks", ""),
            (
                "dyn-async-trait",
                "ch01-dyn-async-trait",
                "\n[package.metadata.listing]\ncompile-error = \"E0038\"\n",
            ),
        ] {
            let crate_dir = root.join("listings/ch01-introduction").join(folder);
            fs::create_dir_all(crate_dir.join("src")).unwrap();
            fs::write(
                crate_dir.join("Cargo.toml"),
                format!(
                    "[package]\nname = \"{package}\"\nversion = \"0.1.0\"\n\
                     description = \"Shows <{folder}> with `join!`\"\n{extra}"
                ),
            )
            .unwrap();
        }
        fs::create_dir_all(root.join("src/ch01-introduction")).unwrap();
        dir
    }

    fn wrap(root: &Path, md: &str, repository: Option<&str>) -> String {
        let chapter_dir = root.join("src/ch01-introduction");
        let ctx = Context {
            root,
            chapter_dir: &chapter_dir,
            repository,
        };
        wrap_chapter(md, &ctx, Some(1), &mut Numbering::default()).unwrap()
    }

    const LISTING_AND_OUTPUT: &str = "Intro.\n\n```rust\n{{#rustdoc_include ../../listings/ch01-introduction/join-two-tasks/src/main.rs:main}}\n```\n\n```text\n{{#include ../../listings/ch01-introduction/join-two-tasks/output.txt}}\n```\nAfter.\n";

    #[test]
    fn wraps_a_listing_and_its_output() {
        let dir = book();
        let got = wrap(
            dir.path(),
            LISTING_AND_OUTPUT,
            Some("https://github.com/o/r/"),
        );
        let expected = r##"Intro.

<figure class="listing" id="listing-join-two-tasks-main" data-listing="ch01-join-two-tasks">
<figcaption class="listing-caption"><span class="listing-title"><a class="listing-label" href="#listing-join-two-tasks-main">Listing 1-1</a>: <span class="listing-description">Shows &lt;join-two-tasks&gt; with <code>join!</code></span></span> <span class="listing-source"><span class="listing-name">ch01-join-two-tasks</span> <a class="listing-file" href="https://github.com/o/r/blob/HEAD/listings/ch01-introduction/join-two-tasks/src/main.rs">listings/ch01-introduction/join-two-tasks/src/main.rs</a></span></figcaption>

```rust
{{#rustdoc_include ../../listings/ch01-introduction/join-two-tasks/src/main.rs:main}}
```

</figure>

<figure class="listing-output" id="listing-join-two-tasks-output" data-listing="ch01-join-two-tasks">
<figcaption class="listing-output-label">Output</figcaption>

```text
{{#include ../../listings/ch01-introduction/join-two-tasks/output.txt}}
```

</figure>

After.
"##;
        assert_eq!(got, expected);
    }

    #[test]
    fn renders_as_figures_around_the_code() {
        let dir = book();
        let md = wrap(dir.path(), LISTING_AND_OUTPUT, None);
        let mut html = String::new();
        mdbook_markdown::pulldown_cmark::html::push_html(
            &mut html,
            mdbook_markdown::pulldown_cmark::Parser::new(&md),
        );
        // The fences between the HTML are still code blocks, and the prose
        // after the figure is still a paragraph.
        assert!(html.contains("<pre><code class=\"language-rust\">{{#rustdoc_include"));
        assert!(html.contains("</code></pre>\n</figure>"));
        assert!(html.contains("<p>After.</p>"));
        assert!(html.contains(r#"<span class="listing-file">listings/ch01-introduction/join-two-tasks/src/main.rs</span>"#));
    }

    #[test]
    fn marks_a_listing_that_does_not_compile_and_its_compiler_error() {
        let dir = book();
        let md = "```rust,compile_fail,ignore\n{{#rustdoc_include ../../listings/ch01-introduction/dyn-async-trait/src/main.rs}}\n```\n\n```text\n{{#include ../../listings/ch01-introduction/dyn-async-trait/output.txt}}\n```\n";
        let got = wrap(dir.path(), md, None);
        assert!(
            got.contains(
                r#"<figure class="listing does-not-compile" id="listing-dyn-async-trait""#
            )
        );
        assert!(got.contains(r#"<span class="listing-badge">does not compile</span>"#));
        assert!(got.contains(r#"<figure class="listing-output compiler-error""#));
        assert!(got.contains(">Compiler error</figcaption>"));
    }

    #[test]
    fn numbers_listings_across_pages_and_keeps_ids_unique() {
        let dir = book();
        let root = dir.path();
        let chapter_dir = root.join("src/ch01-introduction");
        let ctx = Context {
            root,
            chapter_dir: &chapter_dir,
            repository: None,
        };
        let block = "```rust\n{{#rustdoc_include ../../listings/ch01-introduction/join-two-tasks/src/main.rs}}\n```\n";
        let mut numbering = Numbering::default();
        let page = format!("{block}\n{block}");
        let first = wrap_chapter(&page, &ctx, Some(1), &mut numbering).unwrap();
        let second = wrap_chapter(block, &ctx, Some(1), &mut numbering).unwrap();
        let other_chapter = wrap_chapter(block, &ctx, Some(2), &mut numbering).unwrap();
        assert!(first.contains(r#"id="listing-join-two-tasks""#));
        assert!(first.contains(r#"id="listing-join-two-tasks-2""#));
        assert!(first.contains(">Listing 1-2<"));
        assert!(second.contains(">Listing 1-3<"));
        assert!(other_chapter.contains(">Listing 2-1<"));
    }

    #[test]
    fn shows_the_noplayground_reason() {
        let dir = book();
        let md = "<!-- noplayground: waits 5 s by design -->\n```rust,noplayground\n{{#rustdoc_include ../../listings/ch01-introduction/join-two-tasks/src/main.rs}}\n```\n";
        let got = wrap(dir.path(), md, None);
        assert!(
            got.contains(r#"<span class="listing-note">No Run button: waits 5 s by design</span>"#)
        );
    }

    #[test]
    fn wraps_inside_a_list_item() {
        let dir = book();
        let md = "1. Run it:\n\n   ```text\n   {{#include ../../listings/ch01-introduction/join-two-tasks/output.txt}}\n   ```\n2. Next.\n";
        let got = wrap(dir.path(), md, None);
        assert!(got.contains("\n   <figure class=\"listing-output\""));
        assert!(got.contains("   ```\n   \n   </figure>\n   \n2. Next."));
    }

    #[test]
    fn a_listing_without_description_is_an_error_that_names_its_crate() {
        let dir = book();
        let root = dir.path();
        let manifest = root.join("listings/ch01-introduction/join-two-tasks/Cargo.toml");
        fs::write(&manifest, "[package]\nname = \"ch01-join-two-tasks\"\n").unwrap();
        let chapter_dir = root.join("src/ch01-introduction");
        let ctx = Context {
            root,
            chapter_dir: &chapter_dir,
            repository: None,
        };
        let error =
            wrap_chapter(LISTING_AND_OUTPUT, &ctx, Some(1), &mut Numbering::default()).unwrap_err();
        assert!(
            error.contains(
                "listings/ch01-introduction/join-two-tasks/Cargo.toml has no `description`"
            ),
            "{error}"
        );
    }

    #[test]
    fn leaves_other_blocks_alone() {
        let dir = book();
        let md = "```toml\n{{#include ../../Cargo.toml}}\n```\n\n```rust\n{{#include ../../listings/ch01-introduction/missing/src/main.rs}}\n```\n";
        assert_eq!(wrap(dir.path(), md, None), md);
    }
}
