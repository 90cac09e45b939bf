//! The quizzes on paper. mdbook-quiz renders a quiz in the browser, behind a
//! Start button, so a printed page showed only "Quiz · 3 questions · Start".
//! This writes each quiz's questions into the page as plain HTML, shown only
//! in print (theme/reader.css), and collects their answers, with the quiz's
//! explanation, for the end of the chapter (see `answers_html`).
//!
//! It reads the quiz from the placeholder mdbook-quiz leaves in the chapter
//! (`<div class="quiz-placeholder" data-quiz-questions="...">`, the quiz as
//! JSON), or, when mdbook-quiz is not installed, from the `{{#quiz ...}}`
//! directive's TOML file; then it also says, on screen, what to install.

use mdbook_markdown::pulldown_cmark::{Options, Parser, html};
use mdbook_quiz_schema::{MultipleChoiceAnswerFormat, Question, Quiz};
use std::path::Path;

/// One printed quiz's answers, for the end of the chapter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizAnswers {
    /// The page's title and section ("Await", "1.4.").
    pub page: String,
    /// `<li>` items, one per question.
    pub items: Vec<String>,
}

/// `content` with a printable copy of each quiz after it, and the quizzes'
/// answers. `chapter_dir` resolves a `{{#quiz}}` directive left unrendered.
pub fn print_quizzes(
    content: &str,
    chapter_dir: &Path,
    page: &str,
    answers_at: &str,
) -> Result<(String, Vec<QuizAnswers>), String> {
    let mut out = String::with_capacity(content.len() * 2);
    let mut answers = Vec::new();
    let mut rest = content;
    loop {
        let placeholder = rest.find(r#"<div class="quiz-placeholder""#);
        let directive = find_directive(rest);
        let next = match (placeholder, directive) {
            (Some(p), Some((d, _))) => p.min(d),
            (Some(p), None) => p,
            (None, Some((d, _))) => d,
            (None, None) => break,
        };
        out.push_str(&rest[..next]);
        let (quiz, consumed, missing) = if Some(next) == placeholder {
            let end = rest[next..]
                .find("</div>")
                .map(|i| next + i + "</div>".len())
                .ok_or("a quiz placeholder without its </div>")?;
            let element = &rest[next..end];
            out.push_str(element);
            (from_placeholder(element)?, end, false)
        } else {
            let (_, (end, path)) = directive.expect("the directive found above");
            let file = chapter_dir.join(path);
            let text =
                std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
            let quiz: Quiz =
                toml::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
            (quiz, end, true)
        };
        if missing {
            out.push_str(MISSING_NOTE);
            out.push('\n');
        }
        let number = answers.len() + 1;
        let printed = quiz_html(&quiz, answers_at, missing);
        out.push('\n');
        out.push_str(&printed);
        out.push('\n');
        answers.push(QuizAnswers {
            page: if number == 1 {
                page.to_owned()
            } else {
                format!("{page} (quiz {number})")
            },
            items: quiz.questions.iter().map(answer_item).collect(),
        });
        rest = &rest[consumed..];
    }
    out.push_str(rest);
    Ok((out, answers))
}

/// What a book built without mdbook-quiz shows instead of a quiz.
const MISSING_NOTE: &str = r#"<div class="quiz-missing" role="note"><p>This quiz is interactive when the book is built with mdbook-quiz (<code>bash .ci/install-quiz</code>, then build the book again). Its questions follow; the answers are at the end of the chapter.</p></div>"#;

/// `(start, (end, path))` of the first `{{#quiz path}}` directive.
fn find_directive(text: &str) -> Option<(usize, (usize, &str))> {
    let start = text.find("{{#quiz ")?;
    let end = start + text[start..].find("}}")? + 2;
    let path = text[start + "{{#quiz ".len()..end - 2].trim();
    Some((start, (end, path)))
}

fn from_placeholder(element: &str) -> Result<Quiz, String> {
    let key = r#"data-quiz-questions=""#;
    let start = element
        .find(key)
        .ok_or("a quiz placeholder without data-quiz-questions")?
        + key.len();
    let end = start
        + element[start..]
            .find('"')
            .ok_or("an unterminated attribute")?;
    let json = unescape(&element[start..end]);
    serde_json::from_str(&json).map_err(|e| format!("a quiz mdbook-quiz wrote: {e}"))
}

/// The quiz as HTML for print: the questions, numbered, each with its
/// choices (in a fixed order) or a line to answer on.
fn quiz_html(quiz: &Quiz, answers_at: &str, on_screen: bool) -> String {
    let mut html = String::new();
    let class = if on_screen {
        "quiz-print quiz-static"
    } else {
        "quiz-print"
    };
    html.push_str(&format!(
        r#"<div class="{class}"><ol class="quiz-print-questions">"#
    ));
    for question in &quiz.questions {
        html.push_str(r#"<li class="quiz-print-question">"#);
        match question {
            Question::MultipleChoice(q) => {
                html.push_str(&markdown(&q.0.prompt.prompt.0));
                html.push_str(r#"<ol class="quiz-print-choices" type="a">"#);
                for choice in choices(q) {
                    html.push_str(&format!("<li>{}</li>", markdown_inline(&choice)));
                }
                html.push_str("</ol>");
            }
            Question::ShortAnswer(q) => {
                html.push_str(&markdown(&q.0.prompt.prompt.0));
                html.push_str(r#"<p class="quiz-print-blank">Answer: </p>"#);
            }
            Question::Tracing(q) => {
                html.push_str("<p>Does this program compile? If it does, what does it print? If it does not, which line does the compiler point at?</p>");
                html.push_str(&markdown(&format!(
                    "```rust\n{}\n```",
                    q.0.prompt.program.trim_end()
                )));
            }
        }
        html.push_str("</li>");
    }
    html.push_str(&format!(
        r#"</ol><p class="quiz-print-where">The answers are at the end of {answers_at}.</p></div>"#
    ));
    no_blank_lines(&html)
}

/// The choices of a multiple-choice question, answers and distractors, in a
/// fixed order that does not give the answer away (alphabetical).
fn choices(q: &mdbook_quiz_schema::MultipleChoice) -> Vec<String> {
    let mut all: Vec<String> = q.0.prompt.distractors.iter().map(|d| d.0.clone()).collect();
    all.extend(correct(q));
    all.sort_by_key(|c| c.to_lowercase());
    all
}

fn correct(q: &mdbook_quiz_schema::MultipleChoice) -> Vec<String> {
    match &q.0.answer.answer {
        MultipleChoiceAnswerFormat::Single(a) => vec![a.0.clone()],
        MultipleChoiceAnswerFormat::Multi(all) => all.iter().map(|a| a.0.clone()).collect(),
    }
}

/// One question's answer, with the quiz's explanation (`context`).
fn answer_item(question: &Question) -> String {
    let (answer, context) = match question {
        Question::MultipleChoice(q) => {
            let all = choices(q);
            let letters: Vec<String> = correct(q)
                .iter()
                .filter_map(|c| all.iter().position(|a| a == c))
                .map(|i| format!("{}) {}", (b'a' + i as u8) as char, markdown_inline(&all[i])))
                .collect();
            (letters.join("; "), &q.0.context)
        }
        Question::ShortAnswer(q) => {
            // What the reader types: literal text, not Markdown.
            let typed = |a: &str| format!("<code>{}</code>", escape(a));
            let mut text = typed(&q.0.answer.answer);
            if let Some(alternatives) = q.0.answer.alternatives.as_ref().filter(|a| !a.is_empty()) {
                let also: Vec<String> = alternatives.iter().map(|a| typed(a)).collect();
                text.push_str(&format!(" (also right: {})", also.join(", ")));
            }
            (text, &q.0.context)
        }
        Question::Tracing(q) => {
            let a = &q.0.answer;
            let text = if a.does_compile {
                let stdout = a.stdout.as_deref().unwrap_or("").trim_end();
                format!(
                    "It compiles and prints:<pre class=\"quiz-print-stdout\">{}</pre>",
                    escape(stdout)
                )
            } else {
                match a.line_number {
                    Some(n) => format!("It does not compile; the compiler points at line {n}."),
                    None => "It does not compile.".to_owned(),
                }
            };
            (text, &q.0.context)
        }
    };
    let mut item = format!("<li>{answer}");
    if let Some(context) = context {
        item.push_str(&format!(
            r#"<div class="quiz-answers-why">{}</div>"#,
            markdown(&context.0)
        ));
    }
    item.push_str("</li>");
    no_blank_lines(&item)
}

/// The answers of a chapter's quizzes, for the end of its last page; shown
/// only in print.
pub fn answers_html(chapter: &str, quizzes: &[QuizAnswers]) -> String {
    let mut html = format!(
        r#"<section class="quiz-answers" aria-label="Answers to the quizzes of {0}"><p class="quiz-answers-title">Answers to the quizzes of {0}</p>"#,
        escape(chapter)
    );
    for quiz in quizzes {
        html.push_str(&format!(
            r#"<div class="quiz-answers-quiz"><p class="quiz-answers-page">{}</p><ol>"#,
            escape(&quiz.page)
        ));
        for item in &quiz.items {
            html.push_str(item);
        }
        html.push_str("</ol></div>");
    }
    html.push_str("</section>");
    no_blank_lines(&html)
}

fn markdown(text: &str) -> String {
    let mut out = String::new();
    html::push_html(
        &mut out,
        Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH),
    );
    // A code block in a quiz is not a listing: no Run button.
    out.replace(
        r#"<code class="language-rust">"#,
        r#"<code class="language-rust noplayground">"#,
    )
}

/// One line of Markdown, without the paragraph around it.
fn markdown_inline(text: &str) -> String {
    let html = markdown(text);
    let trimmed = html.trim();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|t| t.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_owned(),
        _ => trimmed.to_owned(),
    }
}

/// HTML that stays one HTML block in the chapter's Markdown: a blank line
/// would end it. Newlines inside `<pre>` become `&#10;`; other lines join.
fn no_blank_lines(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<pre") {
        out.push_str(&rest[..start].replace('\n', " "));
        let end = rest[start..]
            .find("</pre>")
            .map_or(rest.len(), |i| start + i + "</pre>".len());
        out.push_str(&rest[start..end].replace('\n', "&#10;"));
        rest = &rest[end..];
    }
    out.push_str(&rest.replace('\n', " "));
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The entities `html_escape` writes in a double-quoted attribute, and the
/// usual others.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';').filter(|&e| e < 12) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "quot" => Some('"'),
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const QUIZ: &str = r#"
[[questions]]
id = "q-order"
type = "MultipleChoice"
prompt.prompt = """
What does it print?

```rust
fn main() {
    println!("a");

    println!("b");
}
```"""
prompt.distractors = ["`b`, then `a`", "Nothing"]
answer.answer = "`a`, then `b`"
context = "In order."

[[questions]]
id = "q-word"
type = "ShortAnswer"
prompt.prompt = "Which keyword waits for a future?"
answer.answer = ".await"
answer.alternatives = ["await"]

[[questions]]
id = "q-trace"
type = "Tracing"
prompt.program = "fn main() {\n    let x: u32 = \"no\";\n}"
answer.doesCompile = false
answer.lineNumber = 2
"#;

    fn placeholder() -> String {
        let quiz: toml::Value = toml::from_str(QUIZ).unwrap();
        let json = serde_json::to_string(&quiz).unwrap();
        let attr = json.replace('&', "&amp;").replace('"', "&quot;");
        format!(
            r#"<div class="quiz-placeholder" data-quiz-name="&quot;await&quot;" data-quiz-questions="{attr}"></div>"#
        )
    }

    #[test]
    fn prints_each_question_with_its_choices_after_the_quiz() {
        let content = format!("# Await\n\n## Quiz\n\n{}\n\nAfter.\n", placeholder());
        let (out, answers) =
            print_quizzes(&content, Path::new("."), "1.4. Await", "Chapter 1").unwrap();
        let printed = out.split(r#"<div class="quiz-print">"#).nth(1).unwrap();
        // Still one HTML block: no blank line inside, even in the program.
        let block = printed.split("\n\nAfter.").next().unwrap();
        assert!(!block.contains("\n\n"), "{block}");
        assert!(
            block.contains(r#"println!("a");&#10;&#10;    println!"#),
            "{block}"
        );
        assert!(block.contains(r#"<code class="language-rust noplayground">"#));
        // Choices in alphabetical order, the answer among them.
        let a = block
            .find("<li><code>a</code>, then <code>b</code></li>")
            .unwrap();
        let b = block
            .find("<li><code>b</code>, then <code>a</code></li>")
            .unwrap();
        let n = block.find("<li>Nothing</li>").unwrap();
        assert!(a < b && b < n);
        assert!(block.contains("Which keyword waits for a future?"));
        assert!(block.contains("Does this program compile?"));
        assert!(block.contains("The answers are at the end of Chapter 1."));
        assert!(out.contains(&placeholder()), "the interactive quiz stays");
        assert_eq!(answers.len(), 1);
        assert_eq!(answers[0].page, "1.4. Await");
        assert_eq!(answers[0].items.len(), 3);
        assert!(answers[0].items[0].starts_with("<li>a) <code>a</code>, then <code>b</code>"));
        assert!(answers[0].items[0].contains("In order."));
        assert!(answers[0].items[1].starts_with("<li><code>.await</code>"));
        assert!(answers[0].items[1].contains("also right: <code>await</code>"));
        assert!(answers[0].items[2].contains("does not compile; the compiler points at line 2"));
    }

    #[test]
    fn without_mdbook_quiz_the_directive_becomes_a_note_and_the_questions() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("quizzes")).unwrap();
        std::fs::write(dir.path().join("quizzes/await.toml"), QUIZ).unwrap();
        let content = "## Quiz\n\n{{#quiz quizzes/await.toml}}\n";
        let (out, answers) = print_quizzes(content, dir.path(), "1.4. Await", "Chapter 1").unwrap();
        assert!(!out.contains("{{#quiz"));
        assert!(out.contains(r#"class="quiz-missing""#));
        assert!(out.contains(r#"<div class="quiz-print quiz-static">"#));
        assert_eq!(answers[0].items.len(), 3);
    }

    #[test]
    fn the_answers_section_lists_every_quiz_of_the_chapter() {
        let html = answers_html(
            "Chapter 1: Intro",
            &[QuizAnswers {
                page: "1.4. Await".into(),
                items: vec!["<li>a) yes</li>".into()],
            }],
        );
        assert!(html.starts_with(r#"<section class="quiz-answers""#));
        assert!(html.contains("Answers to the quizzes of Chapter 1: Intro"));
        assert!(
            html.contains(r#"<p class="quiz-answers-page">1.4. Await</p><ol><li>a) yes</li></ol>"#)
        );
        assert!(!html.contains('\n'));
    }

    #[test]
    fn unescapes_attribute_entities() {
        assert_eq!(
            unescape("&quot;a&amp;b&quot; &lt;&#39;&#x41;"),
            "\"a&b\" <'A"
        );
        assert_eq!(unescape("a & b;"), "a & b;");
    }
}
