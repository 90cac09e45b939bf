//! The quizzes: `src/quizzes/<chapter>/<section>.toml`, in mdbook-quiz's
//! format, shown by `{{#quiz ../quizzes/<chapter>/<section>.toml}}` (relative
//! to the page, as mdbook-quiz resolves it). A question about a program has
//! the program's listing's package as its `id`, so that tests/book/quizzes.rs
//! can run it and check the answer: README.md ("Adding a quiz question") says
//! which form such a question takes, and why.

pub use mdbook_quiz_schema as schema;

use crate::chapters::Include;
use crate::listing::{self, Listing};
use regex::Regex;
use schema::{Question, Quiz};
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

pub fn quizzes_dir() -> PathBuf {
    crate::root().join("src").join("quizzes")
}

pub fn quiz_files() -> Vec<PathBuf> {
    crate::chapters::files_with_extension(&quizzes_dir(), "toml")
}

/// Parses a quiz file into mdbook-quiz's own types. Serde ignores keys it
/// does not know, so a misspelt key (`answer.stdot`) would silently vanish
/// from the reader's quiz: every key of the file must survive a round trip.
pub fn load(path: &Path) -> Result<Quiz, String> {
    let rel = crate::relative(path).display().to_string();
    let text = fs::read_to_string(path).map_err(|e| format!("{rel}: {e}"))?;
    let quiz: Quiz = toml::from_str(&text).map_err(|e| format!("{rel}: {e}"))?;
    let original: toml::Value = toml::from_str(&text).map_err(|e| format!("{rel}: {e}"))?;
    let round_trip = toml::Value::try_from(&quiz).map_err(|e| format!("{rel}: {e}"))?;
    let mut unknown = Vec::new();
    unknown_keys(&original, &round_trip, String::new(), &mut unknown);
    if !unknown.is_empty() {
        return Err(format!(
            "{rel}: mdbook-quiz does not know these keys: {}",
            unknown.join(", ")
        ));
    }
    Ok(quiz)
}

fn unknown_keys(original: &toml::Value, known: &toml::Value, at: String, out: &mut Vec<String>) {
    match (original, known) {
        (toml::Value::Table(o), toml::Value::Table(k)) => {
            for (key, value) in o {
                let path = format!("{at}{}{key}", if at.is_empty() { "" } else { "." });
                match k.get(key) {
                    Some(kv) => unknown_keys(value, kv, path, out),
                    None => out.push(path),
                }
            }
        }
        (toml::Value::Array(o), toml::Value::Array(k)) => {
            for (i, (ov, kv)) in o.iter().zip(k).enumerate() {
                unknown_keys(ov, kv, format!("{at}[{i}]"), out);
            }
        }
        _ => {}
    }
}

/// A question's `id`, which mdbook-quiz writes into the file itself when it
/// is missing (so every question must have one).
pub fn id(question: &Question) -> Option<&str> {
    match question {
        Question::ShortAnswer(q) => q.0.id.as_deref(),
        Question::Tracing(q) => q.0.id.as_deref(),
        Question::MultipleChoice(q) => q.0.id.as_deref(),
    }
}

/// The question's kind, as the quiz file spells it.
pub fn kind(question: &Question) -> &'static str {
    match question {
        Question::ShortAnswer(_) => "ShortAnswer",
        Question::Tracing(_) => "Tracing",
        Question::MultipleChoice(_) => "MultipleChoice",
    }
}

/// How a program question's options describe what a program does: whether
/// it compiles, and the exact lines it prints, in order.
pub fn outcome(stdout: Option<&str>) -> String {
    match stdout {
        None => "It does not compile".to_owned(),
        Some(out) if out.trim().is_empty() => "It compiles and prints nothing".to_owned(),
        Some(out) => {
            let lines: Vec<String> = out.lines().map(|l| format!("`{l}`")).collect();
            format!("It prints {}", lines.join(", then "))
        }
    }
}

// mdbook-quiz's own pattern.
static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\{\{#quiz ([^}]+)\}\}").unwrap());

/// Every `{{#quiz path}}` directive of a Markdown page, in order; its
/// `target` is the quiz file, resolved against the page's folder.
pub fn directives(file: &Path) -> Vec<Include> {
    let dir = file.parent().unwrap();
    crate::chapters::scan(file, &DIRECTIVE, |line, cap| {
        Some(Include {
            file: file.to_path_buf(),
            line,
            kind: "quiz".into(),
            target: crate::chapters::normalize(&dir.join(cap[1].trim())),
            selector: None,
        })
    })
}

/// The listing a Tracing question shows: the one whose package is its id.
pub fn listing_for<'a>(id: &str, listings: &'a [Listing]) -> Option<&'a Listing> {
    listings.iter().find(|l| l.package == id)
}

/// The listings that the book's pages show through a quiz, each with its
/// page: the listing of each program question.
pub fn shown_listings() -> Vec<(PathBuf, Listing)> {
    let listings = listing::all();
    let mut shown = Vec::new();
    for page in crate::chapters::markdown_files() {
        for directive in directives(&page) {
            let Ok(quiz) = load(&directive.target) else {
                continue;
            };
            for question in &quiz.questions {
                if let Some(l) = id(question).and_then(|id| listing_for(id, &listings)) {
                    shown.push((page.clone(), l.clone()));
                }
            }
        }
    }
    shown
}
