//! The claims ledger: `{{#proof <package>::<path>::<test>}}` after a sentence
//! names the test that proves it, and is rendered as a small link to that
//! test's line in the repository.
//!
//! The name is a listing's package, then the test function's module path in
//! that crate: `ch01-join-two-tasks::tests::join_takes_exactly_one_second`
//! is the function `join_takes_exactly_one_second` in `mod tests` of the
//! crate's `src/main.rs` (or `src/lib.rs`; `mod x;` is followed into
//! `src/x.rs` or `src/x/mod.rs`). A path that starts with the name of an
//! integration test, `tests/<name>.rs`, is looked up in that file.
//!
//! The test must be a function marked `#[test]` (or `#[tokio::test]`, any
//! attribute whose last segment is `test`), not `#[ignore]`d, in a listing
//! whose tests `cargo test` runs: not one that must fail to compile, nor an
//! exercise's starter. [`resolve`] is the one place these rules live; the
//! harness (tests/book/proofs.rs) and the preprocessor both use it.

use mdbook_markdown::pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// One `{{#proof name}}` in a chapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// The directive's bytes in the Markdown, braces included.
    pub range: Range<usize>,
    /// Its 1-based line.
    pub line: usize,
    /// What it names: `package::path::test`.
    pub name: String,
}

/// The test a directive names, found in its crate's source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofTarget {
    /// The file holding the test, relative to the book's root, with `/`:
    /// `listings/ch01-introduction/join-two-tasks/src/main.rs`.
    pub file: String,
    /// The 1-based line of the test's `fn`.
    pub line: usize,
    /// The test function's name.
    pub test: String,
}

const OPEN: &str = "{{#proof";

/// Every `{{#proof ...}}` of `markdown` outside code (fenced or inline), in
/// order. `\{{#proof ...}}` is an escaped directive, left for [`render`] to
/// unescape.
pub fn directives(markdown: &str) -> Vec<Directive> {
    let code = code_ranges(markdown);
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(offset) = markdown[from..].find(OPEN) {
        let start = from + offset;
        from = start + OPEN.len();
        let escaped = markdown[..start].ends_with('\\');
        if escaped || code.iter().any(|r| r.contains(&start)) {
            continue;
        }
        let Some(close) = markdown[start..].find("}}") else {
            break;
        };
        let end = start + close + 2;
        let name = markdown[start + OPEN.len()..start + close]
            .trim()
            .to_owned();
        found.push(Directive {
            range: start..end,
            line: markdown[..start].matches('\n').count() + 1,
            name,
        });
        from = end;
    }
    found
}

/// The byte ranges of code blocks and inline code spans.
fn code_ranges(markdown: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut block_start = None;
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => block_start = Some(range.start),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(start) = block_start.take() {
                    ranges.push(start..range.end);
                }
            }
            Event::Code(_) => ranges.push(range),
            _ => {}
        }
    }
    ranges
}

/// Finds the test `name` (`package::path::test`) names among the listing
/// crates under `<root>/listings/`, or says what is wrong with it.
pub fn resolve(root: &Path, name: &str) -> Result<ProofTarget, String> {
    let mut segments: Vec<&str> = name.split("::").map(str::trim).collect();
    if segments.len() < 2 || segments.iter().any(|s| s.is_empty()) {
        return Err(format!(
            "`{name}` is not `<package>::<module path>::<test>` \
             (e.g. `ch01-join-two-tasks::tests::join_takes_exactly_one_second`)"
        ));
    }
    let package = segments.remove(0);
    let crate_dir = find_package(root, package)?;
    let manifest: toml::Table = fs::read_to_string(crate_dir.join("Cargo.toml"))
        .map_err(|e| e.to_string())?
        .parse()
        .map_err(|e| format!("{}/Cargo.toml: {e}", crate_dir.display()))?;
    let metadata = manifest
        .get("package")
        .and_then(|p| p.get("metadata"))
        .and_then(|m| m.as_table());
    if metadata.is_some_and(|m| {
        m.get("listing")
            .and_then(|l| l.get("compile-error"))
            .is_some()
    }) {
        return Err(format!(
            "`{package}` must fail to compile, so its tests never run: prove the claim in another listing"
        ));
    }
    if metadata.is_some_and(|m| m.contains_key("exercise")) {
        return Err(format!(
            "`{package}` is an exercise's starter, whose tests are ignored: cite its solution instead"
        ));
    }

    // The crate's own tests first, then an integration test named by the
    // path's first segment.
    let roots = ["src/main.rs", "src/lib.rs"]
        .iter()
        .map(|r| (crate_dir.join(r), &segments[..]))
        .chain((segments.len() > 1).then(|| {
            (
                crate_dir.join(format!("tests/{}.rs", segments[0])),
                &segments[1..],
            )
        }))
        .filter(|(file, _)| file.is_file());
    let mut problems = Vec::new();
    for (file, path) in roots {
        match find_test(&file, path) {
            Ok((file, line)) => {
                return Ok(ProofTarget {
                    file: relative(root, &file),
                    line,
                    test: segments.last().unwrap().to_string(),
                });
            }
            Err(problem) => problems.push(problem),
        }
    }
    // Paths in messages are relative to the book's root.
    let problems = problems
        .join("; ")
        .replace(&format!("{}/", root.display()), "");
    Err(format!("no test `{name}`: {problems}"))
}

/// The folder of the listing crate whose package is `package`.
fn find_package(root: &Path, package: &str) -> Result<PathBuf, String> {
    for chapter in sorted_dirs(&root.join("listings")) {
        for dir in sorted_dirs(&chapter) {
            let Ok(text) = fs::read_to_string(dir.join("Cargo.toml")) else {
                continue;
            };
            let name = text
                .parse::<toml::Table>()
                .ok()
                .and_then(|t| t.get("package")?.get("name")?.as_str().map(str::to_owned));
            if name.as_deref() == Some(package) {
                return Ok(dir);
            }
        }
    }
    Err(format!("no listing crate has the package name `{package}`"))
}

fn sorted_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// Follows `path` (modules, then the test's name) from the crate root or
/// module file `file`. Returns the file and line of the test's `fn`.
fn find_test(file: &Path, path: &[&str]) -> Result<(PathBuf, usize), String> {
    let text = fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let parsed = syn::parse_file(&text).map_err(|e| format!("{}: {e}", file.display()))?;
    // Where `mod x;` declared in this file is looked for: beside a crate root
    // or a `mod.rs`, in a folder named after any other module file.
    let stem = file.file_stem().unwrap_or_default();
    let is_mod_root = ["main", "lib", "mod"].iter().any(|s| stem == *s)
        || file.parent().is_some_and(|p| p.ends_with("tests"));
    let dir = if is_mod_root {
        file.parent().unwrap().to_path_buf()
    } else {
        file.with_extension("")
    };
    find_in_items(&parsed.items, path, file, &dir)
}

fn find_in_items(
    items: &[syn::Item],
    path: &[&str],
    file: &Path,
    dir: &Path,
) -> Result<(PathBuf, usize), String> {
    let (first, rest) = path.split_first().expect("a non-empty path");
    if rest.is_empty() {
        let function = items.iter().find_map(|item| match item {
            syn::Item::Fn(f) if f.sig.ident == first => Some(f),
            _ => None,
        });
        let Some(function) = function else {
            return Err(format!("no `fn {first}` in {}", file.display()));
        };
        if !has_attribute(&function.attrs, "test") {
            return Err(format!(
                "`fn {first}` in {} is not a test (no #[test] or #[tokio::test])",
                file.display()
            ));
        }
        if has_attribute(&function.attrs, "ignore") {
            return Err(format!(
                "`fn {first}` in {} is #[ignore]d, so `cargo test` does not run it",
                file.display()
            ));
        }
        return Ok((file.to_path_buf(), function.sig.ident.span().start().line));
    }
    let module = items.iter().find_map(|item| match item {
        syn::Item::Mod(m) if m.ident == first => Some(m),
        _ => None,
    });
    let Some(module) = module else {
        return Err(format!("no `mod {first}` in {}", file.display()));
    };
    match &module.content {
        Some((_, items)) => find_in_items(items, rest, file, &dir.join(first)),
        None => {
            let candidates = [
                dir.join(format!("{first}.rs")),
                dir.join(first).join("mod.rs"),
            ];
            match candidates.iter().find(|c| c.is_file()) {
                Some(module_file) => find_test(module_file, rest),
                None => Err(format!(
                    "`mod {first};` in {} has no file ({} or {})",
                    file.display(),
                    candidates[0].display(),
                    candidates[1].display()
                )),
            }
        }
    }
}

/// Whether an attribute's path ends in `name`: `#[test]`, `#[tokio::test]`.
fn has_attribute(attrs: &[syn::Attribute], name: &str) -> bool {
    attrs
        .iter()
        .any(|a| a.path().segments.last().is_some_and(|s| s.ident == name))
}

fn relative(root: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(root).unwrap_or(file);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Replaces every directive of `markdown` with its link (to the test's line
/// under `repository`, when there is one), and unescapes `\{{#proof`.
/// Fails on the first directive that does not resolve, naming its line.
pub fn render(markdown: &str, root: &Path, repository: Option<&str>) -> Result<String, String> {
    let mut out = String::with_capacity(markdown.len());
    let mut copied = 0;
    for directive in directives(markdown) {
        let target = resolve(root, &directive.name).map_err(|e| {
            format!(
                "line {}: {{{{#proof {}}}}}: {e}",
                directive.line, directive.name
            )
        })?;
        out.push_str(&markdown[copied..directive.range.start]);
        out.push_str(&link_html(&directive.name, &target, repository));
        copied = directive.range.end;
    }
    out.push_str(&markdown[copied..]);
    Ok(out.replace(r"\{{#proof", "{{#proof"))
}

/// `✓ proven by test_name`, linked to the test's line in the repository.
fn link_html(name: &str, target: &ProofTarget, repository: Option<&str>) -> String {
    let text = format!("✓ proven by <code>{}</code>", target.test);
    let title = format!("The test that proves this: {name}");
    match repository {
        Some(repo) => format!(
            r#"<a class="proof" href="{}/blob/HEAD/{}#L{}" title="{title}">{text}</a>"#,
            repo.trim_end_matches('/'),
            target.file,
            target.line
        ),
        None => format!(r#"<span class="proof" title="{title}">{text}</span>"#),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A book root with one listing crate and its tests.
    fn book() -> tempfile::TempDir {
        let root = tempfile::tempdir().unwrap();
        let put = |path: &str, text: &str| {
            let file = root.path().join(path);
            fs::create_dir_all(file.parent().unwrap()).unwrap();
            fs::write(file, text).unwrap();
        };
        let dir = "listings/ch01-introduction/join-two-tasks";
        put(
            &format!("{dir}/Cargo.toml"),
            "[package]\nname = \"ch01-join-two-tasks\"\n",
        );
        put(
            &format!("{dir}/src/main.rs"),
            "mod helpers;\nfn main() {}\n\n#[cfg(test)]\nmod tests {\n    #[tokio::test(start_paused = true)]\n    async fn takes_one_second() {}\n\n    #[test]\n    #[ignore = \"slow\"]\n    fn slow() {}\n\n    fn not_a_test() {}\n}\n",
        );
        put(
            &format!("{dir}/src/helpers.rs"),
            "#[cfg(test)]\nmod tests {\n    #[test]\n    fn helps() {}\n}\n",
        );
        put(
            &format!("{dir}/tests/clients.rs"),
            "#[test]\nfn every_client_is_answered() {}\n",
        );
        put(
            "listings/ch01-introduction/broken/Cargo.toml",
            "[package]\nname = \"ch01-broken\"\n[package.metadata.listing]\ncompile-error = \"E0038\"\n",
        );
        put(
            "listings/ch01-introduction/broken/src/main.rs",
            "#[test]\nfn t() {}\n",
        );
        root
    }

    #[test]
    fn finds_directives_outside_code_only() {
        let md = "Takes one second {{#proof a::tests::b}}.\n\n`{{#proof in::code}}`\n\n```text\n{{#proof in::block}}\n```\n\\{{#proof escaped::x}}\n";
        let found = directives(md);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].name, "a::tests::b");
        assert_eq!(found[0].line, 1);
        assert_eq!(&md[found[0].range.clone()], "{{#proof a::tests::b}}");
    }

    #[test]
    fn resolves_a_test_in_main_a_module_file_and_an_integration_test() {
        let root = book();
        let t = resolve(root.path(), "ch01-join-two-tasks::tests::takes_one_second").unwrap();
        assert_eq!(
            t,
            ProofTarget {
                file: "listings/ch01-introduction/join-two-tasks/src/main.rs".into(),
                line: 7,
                test: "takes_one_second".into(),
            }
        );
        let t = resolve(root.path(), "ch01-join-two-tasks::helpers::tests::helps").unwrap();
        assert_eq!(
            (t.file.as_str(), t.line),
            (
                "listings/ch01-introduction/join-two-tasks/src/helpers.rs",
                4
            )
        );
        let t = resolve(
            root.path(),
            "ch01-join-two-tasks::clients::every_client_is_answered",
        )
        .unwrap();
        assert_eq!(
            (t.file.as_str(), t.line),
            (
                "listings/ch01-introduction/join-two-tasks/tests/clients.rs",
                2
            )
        );
    }

    #[test]
    fn says_what_is_wrong_with_a_bad_name() {
        let root = book();
        let err = |name: &str| resolve(root.path(), name).unwrap_err();
        assert!(
            err("ch01-nope::tests::x")
                .contains("no listing crate has the package name `ch01-nope`")
        );
        assert!(err("ch01-join-two-tasks::tests::missing").contains("no `fn missing`"));
        assert!(err("ch01-join-two-tasks::tests::slow").contains("#[ignore]d"));
        assert!(err("ch01-join-two-tasks::tests::not_a_test").contains("is not a test"));
        assert!(err("ch01-join-two-tasks::nope::t").contains("no `mod nope`"));
        assert!(err("ch01-broken::t").contains("must fail to compile"));
        assert!(err("ch01-join-two-tasks").contains("is not `<package>::<module path>::<test>`"));
    }

    #[test]
    fn renders_a_link_to_the_tests_line() {
        let root = book();
        let md =
            "One second {{#proof ch01-join-two-tasks::tests::takes_one_second}}. \\{{#proof x}}";
        let html = render(md, root.path(), Some("https://github.com/o/book")).unwrap();
        assert_eq!(
            html,
            "One second <a class=\"proof\" href=\"https://github.com/o/book/blob/HEAD/listings/ch01-introduction/join-two-tasks/src/main.rs#L7\" \
             title=\"The test that proves this: ch01-join-two-tasks::tests::takes_one_second\">✓ proven by <code>takes_one_second</code></a>. {{#proof x}}"
        );
        let err = render(
            "a\n{{#proof ch01-join-two-tasks::tests::gone}}",
            root.path(),
            None,
        )
        .unwrap_err();
        assert!(
            err.starts_with("line 2: {{#proof ch01-join-two-tasks::tests::gone}}: no test"),
            "{err}"
        );
    }
}
