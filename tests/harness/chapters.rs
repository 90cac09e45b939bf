//! Reads the book's Markdown sources: which files there are, the
//! `{{#include}}`-style directives in them, and their fenced code blocks.

use mdbook_markdown::pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use regex::{Captures, Regex};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

/// Every `.md` file under `src/`, sorted.
pub fn markdown_files() -> Vec<PathBuf> {
    files_with_extension(&crate::root().join("src"), "md")
}

/// Every file under `dir` (at any depth) whose extension is `ext` (any, if
/// `ext` is empty), sorted.
pub fn files_with_extension(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(files_with_extension(&path, ext));
        } else if ext.is_empty() || path.extension().is_some_and(|e| e == ext) {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// `file:line`, relative to the repository root, for messages.
pub fn at(file: &Path, line: usize) -> String {
    format!("{}:{line}", crate::relative(file).display())
}

/// One `{{#include ...}}`, `{{#rustdoc_include ...}}` or `{{#playground ...}}`
/// (or `{{#quiz ...}}`, see [`crate::quiz::directives`]).
#[derive(Debug, Clone)]
pub struct Include {
    /// The Markdown file and 1-based line the directive is on.
    pub file: PathBuf,
    pub line: usize,
    /// `include`, `rustdoc_include`, `playground` (or `quiz`).
    pub kind: String,
    /// The included file, resolved against the Markdown file's folder.
    pub target: PathBuf,
    /// What follows the path: an anchor name, or a line range such as `3:10`.
    pub selector: Option<String>,
}

// The same syntax mdBook's link preprocessor accepts; a leading backslash
// escapes a directive.
static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<escape>\\)?\{\{\s*#(?P<kind>include|rustdoc_include|playground)\s+(?P<arg>[^}\s]+)[^}]*\}\}")
        .unwrap()
});

pub fn includes(file: &Path) -> Vec<Include> {
    let dir = file.parent().unwrap();
    scan(file, &DIRECTIVE, |line, cap| {
        if cap.name("escape").is_some() {
            return None;
        }
        let arg = &cap["arg"];
        let (path, selector) = arg
            .split_once(':')
            .map_or((arg, None), |(path, selector)| (path, Some(selector)));
        Some(Include {
            file: file.to_path_buf(),
            line,
            kind: cap["kind"].to_owned(),
            target: normalize(&dir.join(path)),
            selector: selector.map(str::to_owned),
        })
    })
}

/// `f` of every match of `re` in `file`, line by line, with its 1-based line.
pub fn scan<T, F>(file: &Path, re: &Regex, mut f: F) -> Vec<T>
where
    F: FnMut(usize, &Captures) -> Option<T>,
{
    let text = fs::read_to_string(file).unwrap_or_default();
    let mut found = Vec::new();
    for (i, line) in text.lines().enumerate() {
        found.extend(re.captures_iter(line).filter_map(|cap| f(i + 1, &cap)));
    }
    found
}

/// `a/b/../c` to `a/c`, without touching the file system.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => _ = out.pop(),
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Whether `text` has both `ANCHOR: name` and `ANCHOR_END: name`, as mdBook
/// matches them.
pub fn has_anchor(text: &str, name: &str) -> bool {
    ["ANCHOR", "ANCHOR_END"].iter().all(|marker| {
        let re = format!(r"{marker}:\s*{}\b", regex::escape(name));
        Regex::new(&re).unwrap().is_match(text)
    })
}

#[derive(Debug, Clone)]
pub struct CodeBlock {
    pub file: PathBuf,
    /// 1-based line of the opening fence.
    pub line: usize,
    /// The info string, e.g. `rust,ignore`.
    pub info: String,
    pub body: String,
}

impl CodeBlock {
    /// The comma- or space-separated words of the info string.
    fn words(&self) -> impl Iterator<Item = &str> {
        self.info
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|w| !w.is_empty())
    }

    pub fn has(&self, word: &str) -> bool {
        self.words().any(|w| w == word)
    }

    /// The info string's first word: `rust`, `console`...
    pub fn language(&self) -> Option<&str> {
        self.words().next()
    }

    /// A Rust block, as rustdoc and skeptic decide it (`rust` or no language).
    pub fn is_rust(&self) -> bool {
        self.language() == Some("rust")
    }

    /// `src/ch01-introduction/await.md:12`, for messages.
    pub fn place(&self) -> String {
        at(&self.file, self.line)
    }

    /// The include on the line after the opening fence: the block's content
    /// (tests/book/invariants.rs makes sure that is all a Rust block holds).
    pub fn include(&self) -> Option<Include> {
        includes(&self.file)
            .into_iter()
            .find(|i| i.line == self.line + 1)
    }
}

pub fn book_includes() -> Vec<Include> {
    markdown_files().iter().flat_map(|f| includes(f)).collect()
}

pub fn book_code_blocks() -> Vec<CodeBlock> {
    let mut blocks = Vec::new();
    for file in markdown_files() {
        let text = fs::read_to_string(&file).unwrap_or_default();
        let mut current: Option<CodeBlock> = None;
        for (event, range) in Parser::new(&text).into_offset_iter() {
            match event {
                Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                    current = Some(CodeBlock {
                        file: file.clone(),
                        line: text[..range.start].lines().count() + 1,
                        info: info.to_string(),
                        body: String::new(),
                    });
                }
                Event::Text(t) => current.iter_mut().for_each(|b| b.body.push_str(&t)),
                Event::End(TagEnd::CodeBlock) => blocks.extend(current.take()),
                _ => {}
            }
        }
    }
    blocks
}
