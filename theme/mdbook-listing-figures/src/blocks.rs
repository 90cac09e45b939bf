//! Finds the fenced code blocks of a chapter whose only content is one
//! `{{#include}}`-style directive, and where they are in the Markdown.

use mdbook_markdown::pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use std::ops::Range;

/// A fenced code block that includes a file and nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncludeBlock {
    /// From the start of the opening fence's line to the end of the closing
    /// fence's line (its newline included, if it has one).
    pub lines: Range<usize>,
    /// What stands before the opening fence on its line: the indentation of a
    /// list item, or `> ` in a block quote. Lines added around the block
    /// repeat it, so they stay in the same container.
    pub prefix: String,
    /// The info string, e.g. `rust,compile_fail,ignore`.
    pub info: String,
    /// The included path as written, relative to the chapter's folder.
    pub path: String,
    /// What follows the path after a `:`: an anchor name or a line range.
    pub selector: Option<String>,
    /// The reason in a `<!-- noplayground: reason -->` comment on the last
    /// non-blank line before the block.
    pub noplayground_reason: Option<String>,
}

impl IncludeBlock {
    /// The comma- or space-separated words of the info string.
    pub fn attributes(&self) -> impl Iterator<Item = &str> {
        self.info
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|w| !w.is_empty())
    }

    pub fn has_attribute(&self, name: &str) -> bool {
        self.attributes().any(|a| a == name)
    }
}

/// Every fenced code block of `markdown` that holds one include directive, in
/// order.
pub fn include_blocks(markdown: &str) -> Vec<IncludeBlock> {
    let mut found = Vec::new();
    let mut open: Option<(Range<usize>, String, String)> = None;
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                open = Some((range, info.to_string(), String::new()));
            }
            Event::Text(text) => {
                if let Some((_, _, body)) = open.as_mut() {
                    body.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                let Some((range, info, body)) = open.take() else {
                    continue;
                };
                if let Some(block) = include_block(markdown, range, info, &body) {
                    found.push(block);
                }
            }
            _ => {}
        }
    }
    found
}

fn include_block(
    markdown: &str,
    range: Range<usize>,
    info: String,
    body: &str,
) -> Option<IncludeBlock> {
    let (path, selector) = single_directive(body)?;
    let line_start = markdown[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &markdown[line_start..range.start];
    // Only containers whose line prefix can be repeated: list items
    // (indentation) and block quotes.
    if !prefix.chars().all(|c| c == ' ' || c == '\t' || c == '>') {
        return None;
    }
    let mut end = range.end;
    if !markdown[..end].ends_with('\n') {
        end = markdown[end..]
            .find('\n')
            .map_or(markdown.len(), |i| end + i + 1);
    }
    Some(IncludeBlock {
        lines: line_start..end,
        prefix: prefix.to_owned(),
        info,
        path,
        selector,
        noplayground_reason: noplayground_reason(&markdown[..line_start]),
    })
}

/// `{{#rustdoc_include path:selector}}` (or `#include`, `#playground`) as a
/// block's only content: its path and selector.
fn single_directive(body: &str) -> Option<(String, Option<String>)> {
    let inner = body.trim().strip_prefix("{{")?.strip_suffix("}}")?.trim();
    let mut words = inner.split_whitespace();
    let kind = words.next()?;
    if !matches!(kind, "#include" | "#rustdoc_include" | "#playground") {
        return None;
    }
    let arg = words.next()?;
    Some(match arg.split_once(':') {
        Some((path, selector)) => (path.to_owned(), Some(selector.to_owned())),
        None => (arg.to_owned(), None),
    })
}

/// The reason in `<!-- noplayground: reason -->`, if that comment is the last
/// non-blank line of `before`.
pub fn noplayground_reason(before: &str) -> Option<String> {
    let line = before
        .lines()
        .rev()
        .map(|l| l.trim_start_matches(['>', ' ', '\t']).trim_end())
        .find(|l| !l.is_empty())?;
    let reason = line
        .strip_prefix("<!--")?
        .strip_suffix("-->")?
        .trim()
        .strip_prefix("noplayground:")?
        .trim();
    (!reason.is_empty()).then(|| reason.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_block_that_only_includes_a_file() {
        let md = "Text.\n\n```rust\n{{#rustdoc_include ../../listings/ch01-x/y/src/main.rs:main}}\n```\n\nMore.\n";
        let blocks = include_blocks(md);
        assert_eq!(blocks.len(), 1);
        let b = &blocks[0];
        assert_eq!(b.info, "rust");
        assert_eq!(b.path, "../../listings/ch01-x/y/src/main.rs");
        assert_eq!(b.selector.as_deref(), Some("main"));
        assert_eq!(
            &md[b.lines.clone()],
            "```rust\n{{#rustdoc_include ../../listings/ch01-x/y/src/main.rs:main}}\n```\n"
        );
        assert_eq!(b.prefix, "");
    }

    #[test]
    fn ignores_blocks_with_other_content() {
        let md = "```rust\nfn main() {}\n```\n\n```text\n{{#include a.txt}}\nand more\n```\n\n```rust\n\\{{#include a.rs}}\n```\n";
        assert!(include_blocks(md).is_empty());
    }

    #[test]
    fn keeps_the_indentation_of_a_list_item() {
        let md = "- item\n\n  ```text\n  {{#include out.txt}}\n  ```\n- next\n";
        let blocks = include_blocks(md);
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].prefix, "  ");
        assert_eq!(
            &md[blocks[0].lines.clone()],
            "  ```text\n  {{#include out.txt}}\n  ```\n"
        );
    }

    #[test]
    fn a_block_at_the_end_without_newline_ends_at_the_end() {
        let md = "```text\n{{#include out.txt}}\n```";
        let blocks = include_blocks(md);
        assert_eq!(blocks[0].lines, 0..md.len());
    }

    #[test]
    fn reads_the_noplayground_reason_above_the_block() {
        let md = "Prose.\n\n<!-- noplayground: waits 5 s by design -->\n```rust,noplayground\n{{#rustdoc_include a/src/main.rs}}\n```\n";
        let blocks = include_blocks(md);
        assert_eq!(
            blocks[0].noplayground_reason.as_deref(),
            Some("waits 5 s by design")
        );
        assert!(blocks[0].has_attribute("noplayground"));
        assert!(!blocks[0].has_attribute("ignore"));
    }

    #[test]
    fn a_comment_further_up_is_not_a_reason() {
        let md = "<!-- noplayground: old -->\n\nProse.\n\n```rust,noplayground\n{{#include a.rs}}\n```\n";
        assert_eq!(include_blocks(md)[0].noplayground_reason, None);
    }
}
