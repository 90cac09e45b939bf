//! Removes the `<script>` and `<link>` tags that mdbook-quiz appends to each
//! chapter with a quiz.
//!
//! mdbook-quiz points them at `quiz/` relative to the chapter's own folder
//! (`../quiz/quiz-embed.iife.js` for a chapter one folder deep). mdBook's
//! print page puts every chapter into one page at the book's root, where
//! those paths lead outside the book. The book's theme script
//! (`theme/quiz-assets.js`) loads the same two files from the book's root
//! instead, on every page that has a quiz, so the tags go.

/// The tags mdbook-quiz writes, as `(tag up to the path, tag after the
/// path, the file the path names from the book's root)`.
const TAGS: [(&str, &str, &str); 2] = [
    (
        r#"<script type="text/javascript" src=""#,
        r#""></script>"#,
        "quiz/quiz-embed.iife.js",
    ),
    (
        r#"<link rel="stylesheet" type="text/css" href=""#,
        r#"">"#,
        "quiz/style.css",
    ),
];

/// `content` without mdbook-quiz's asset tags; everything else is kept as is.
pub fn strip_quiz_assets(content: &str) -> String {
    let mut out = content.to_owned();
    for (start, end, file) in TAGS {
        let mut from = 0;
        while let Some(at) = out[from..].find(start).map(|i| from + i) {
            let path_start = at + start.len();
            let tag = out[path_start..].find(end).and_then(|len| {
                let path = &out[path_start..path_start + len];
                is_quiz_asset(path, file).then_some(path_start + len + end.len())
            });
            match tag {
                Some(tag_end) => out.replace_range(at..tag_end, ""),
                None => from = path_start,
            }
        }
    }
    out
}

/// Whether `path` is `file` behind zero or more `../`.
fn is_quiz_asset(path: &str, file: &str) -> bool {
    let mut rest = path;
    while let Some(shorter) = rest.strip_prefix("../") {
        rest = shorter;
    }
    rest == file
}

#[cfg(test)]
mod tests {
    use super::strip_quiz_assets;

    const SCRIPT: &str =
        r#"<script type="text/javascript" src="../quiz/quiz-embed.iife.js"></script>"#;
    const STYLE: &str = r#"<link rel="stylesheet" type="text/css" href="../quiz/style.css">"#;

    #[test]
    fn removes_the_tags_mdbook_quiz_appends() {
        let chapter = format!("Text.\n\n<div class=\"quiz-placeholder\"></div>\n\n{SCRIPT}{STYLE}");
        assert_eq!(
            strip_quiz_assets(&chapter),
            "Text.\n\n<div class=\"quiz-placeholder\"></div>\n\n"
        );
    }

    #[test]
    fn removes_them_at_any_depth() {
        let root = r#"<script type="text/javascript" src="quiz/quiz-embed.iife.js"></script><link rel="stylesheet" type="text/css" href="quiz/style.css">"#;
        let deep = SCRIPT.replace("../", "../../../") + &STYLE.replace("../", "../../");
        assert_eq!(strip_quiz_assets(&format!("a{root}b{deep}c")), "abc");
    }

    #[test]
    fn keeps_other_scripts_and_stylesheets() {
        let other = r#"<script type="text/javascript" src="../other/quiz-embed.iife.js"></script><link rel="stylesheet" type="text/css" href="../quiz/style.css.map">"#;
        let chapter = format!("{other}\n{SCRIPT}");
        assert_eq!(strip_quiz_assets(&chapter), format!("{other}\n"));
    }

    #[test]
    fn leaves_a_chapter_without_quiz_alone() {
        let chapter = "# Title\n\n```rust\nfn main() {}\n```\n";
        assert_eq!(strip_quiz_assets(chapter), chapter);
    }
}
