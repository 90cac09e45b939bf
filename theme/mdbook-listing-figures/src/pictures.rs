//! Pictures: an SVG a chapter includes on a line of its own
//! (`{{#include ../img/timeline-join.svg}}`, which mdBook's `links`
//! preprocessor then replaces with the file, so that the picture takes the
//! theme's colours) becomes a numbered figure, captioned with the SVG's own
//! `<title>`: "Figure 1-2: join!: task_one and task_two wait at the same time".
//!
//! The picture sits in a container that scrolls sideways, so that on a narrow
//! screen it keeps its size (and its text stays readable) instead of shrinking
//! to the width of the page (see theme/reader.css).

use crate::figure::{Numbering, slug, unique};
use mdbook_markdown::pulldown_cmark::{Event, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

/// Returns `markdown` with each included SVG wrapped in a figure.
pub fn wrap_pictures(
    markdown: &str,
    chapter_dir: &Path,
    chapter_number: Option<u32>,
    numbering: &mut Numbering,
) -> Result<String, String> {
    let code = code_blocks(markdown);
    let mut ids = HashSet::new();
    let mut out = String::with_capacity(markdown.len() + 512);
    let mut offset = 0;
    for line in markdown.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let Some((prefix, path)) = svg_include(line) else {
            out.push_str(line);
            continue;
        };
        if code.iter().any(|r| r.contains(&start)) {
            out.push_str(line);
            continue;
        }
        let file = chapter_dir.join(path);
        let svg = std::fs::read_to_string(&file)
            .map_err(|e| format!("{}: {e} (included as {path})", file.display()))?;
        let title = svg_title(&svg).ok_or_else(|| {
            format!(
                "{}: the picture has no <title>, which the book shows as its caption \
                 (and screen readers read)",
                file.display()
            )
        })?;
        let stem = Path::new(path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let id = unique(format!("figure-{}", slug(&stem)), &mut ids);
        let label = numbering.next_of("Figure", chapter_number);
        let lines = [
            format!(r#"<figure class="book-figure" id="{id}">"#),
            format!(
                r#"<div class="figure-scroll" tabindex="0" role="group" aria-labelledby="{id}-caption">"#
            ),
            String::new(),
            line.trim_end_matches('\n')[prefix.len()..].to_owned(),
            String::new(),
            "</div>".into(),
            format!(
                r##"<figcaption id="{id}-caption"><a class="figure-label" href="#{id}">{label}</a>: {title}</figcaption>"##
            ),
            "</figure>".into(),
        ];
        for l in lines {
            out.push_str(prefix);
            out.push_str(&l);
            out.push('\n');
        }
        if !line.ends_with('\n') {
            out.pop();
        }
    }
    Ok(out)
}

/// `(prefix, path)` of a line that is only `{{#include <path>.svg}}`.
fn svg_include(line: &str) -> Option<(&str, &str)> {
    let body = line.trim_start_matches([' ', '\t', '>']);
    let prefix = &line[..line.len() - body.len()];
    let inner = body
        .trim_end()
        .strip_prefix("{{")?
        .strip_suffix("}}")?
        .trim();
    let path = inner.strip_prefix("#include")?.trim();
    (path.ends_with(".svg") && !path.contains(char::is_whitespace)).then_some((prefix, path))
}

/// The text of the SVG's first `<title>` element, as written (XML text is
/// already escaped for HTML), trimmed; `None` when it has none or it is empty.
fn svg_title(svg: &str) -> Option<String> {
    let start = svg.find("<title")?;
    let open_end = start + svg[start..].find('>')? + 1;
    let close = open_end + svg[open_end..].find("</title>")?;
    let title = svg[open_end..close].trim();
    (!title.is_empty() && !title.contains('<')).then(|| title.to_owned())
}

/// Where the code blocks (fenced or indented) of `markdown` are.
fn code_blocks(markdown: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut start = None;
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => start = Some(range.start),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(s) = start.take() {
                    found.push(s..range.end);
                }
            }
            _ => {}
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn chapter() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("src/img")).unwrap();
        fs::create_dir_all(dir.path().join("src/ch01")).unwrap();
        fs::write(
            dir.path().join("src/img/timeline-join.svg"),
            "<svg role=\"img\" aria-labelledby=\"t\">\n<title id=\"t\">join!: a and b wait at once, 1 s</title>\n<text>x</text>\n</svg>\n",
        )
        .unwrap();
        fs::write(
            dir.path().join("src/img/untitled.svg"),
            "<svg>\n<text>x</text>\n</svg>\n",
        )
        .unwrap();
        dir
    }

    fn wrap(dir: &Path, md: &str, numbering: &mut Numbering) -> Result<String, String> {
        wrap_pictures(md, &dir.join("src/ch01"), Some(1), numbering)
    }

    #[test]
    fn an_included_svg_becomes_a_numbered_figure_captioned_with_its_title() {
        let dir = chapter();
        let md = "Text.\n\n{{#include ../img/timeline-join.svg}}\n\nMore.\n";
        let got = wrap(dir.path(), md, &mut Numbering::default()).unwrap();
        assert_eq!(
            got,
            "Text.\n\n<figure class=\"book-figure\" id=\"figure-timeline-join\">\n\
             <div class=\"figure-scroll\" tabindex=\"0\" role=\"group\" aria-labelledby=\"figure-timeline-join-caption\">\n\
             \n{{#include ../img/timeline-join.svg}}\n\n</div>\n\
             <figcaption id=\"figure-timeline-join-caption\"><a class=\"figure-label\" href=\"#figure-timeline-join\">Figure 1-1</a>: join!: a and b wait at once, 1 s</figcaption>\n\
             </figure>\n\nMore.\n"
        );
    }

    #[test]
    fn figures_are_numbered_across_pages_and_apart_from_listings() {
        let dir = chapter();
        let md = "{{#include ../img/timeline-join.svg}}\n";
        let mut numbering = Numbering::default();
        wrap(dir.path(), md, &mut numbering).unwrap();
        let second = wrap(dir.path(), md, &mut numbering).unwrap();
        assert!(second.contains(">Figure 1-2</a>"));
    }

    #[test]
    fn leaves_code_blocks_and_other_includes_alone() {
        let dir = chapter();
        let md = "```md\n{{#include ../img/timeline-join.svg}}\n```\n\n{{#include ../img/other.txt}}\n\nSee {{#include ../img/timeline-join.svg}} here.\n";
        assert_eq!(wrap(dir.path(), md, &mut Numbering::default()).unwrap(), md);
    }

    #[test]
    fn a_picture_without_title_is_an_error_that_names_it() {
        let dir = chapter();
        let error = wrap(
            dir.path(),
            "{{#include ../img/untitled.svg}}\n",
            &mut Numbering::default(),
        )
        .unwrap_err();
        assert!(
            error.contains("untitled.svg: the picture has no <title>"),
            "{error}"
        );
    }
}
