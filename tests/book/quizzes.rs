//! The quizzes, checked as README.md ("What `cargo test` checks") says; see
//! `tests/harness/quiz.rs` for the two forms of a question about a program.

use crate::assert_none;
use async_book_harness::listing::{self, Listing};
use async_book_harness::quiz::{self, schema::Question};
use async_book_harness::{chapters, relative, runner};
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;

/// `src/quizzes/<chapter>/<section>.toml, question "id"`, for messages.
fn place(file: &Path, question: &Question) -> String {
    format!(
        "{}, {} question {:?}",
        relative(file).display(),
        quiz::kind(question),
        quiz::id(question).unwrap_or("(no id)")
    )
}

/// Every question has an `id`, no key is unknown, and no distractor is also
/// an answer (mdbook-quiz's own checks run in the test below); the book
/// promises at least twelve questions per chapter, of all three kinds.
#[test]
fn every_quiz_parses_and_every_chapter_has_twelve_questions() {
    let mut problems = Vec::new();
    let mut per_chapter: BTreeMap<String, Vec<&'static str>> = BTreeMap::new();
    let files = quiz::quiz_files();
    assert!(!files.is_empty(), "no quiz under src/quizzes/");
    for file in files {
        let Ok(quiz) = quiz::load(&file).map_err(|e| problems.push(e)) else {
            continue;
        };
        let chapter = relative(file.parent().unwrap()).display().to_string();
        let kinds = quiz.questions.iter().map(quiz::kind);
        per_chapter.entry(chapter).or_default().extend(kinds);
        for question in &quiz.questions {
            let at = place(&file, question);
            if quiz::id(question).is_none() {
                // mdbook-quiz would write a random id into the file on every build.
                problems.push(format!("{at}: give it an `id`"));
            }
            match question {
                Question::MultipleChoice(q) => {
                    use quiz::schema::MultipleChoiceAnswerFormat::{Multi, Single};
                    let answers: Vec<&str> = match &q.0.answer.answer {
                        Single(a) => vec![a.0.as_str()],
                        Multi(a) => a.iter().map(|m| m.0.as_str()).collect(),
                    };
                    let distractors = &q.0.prompt.distractors;
                    if distractors.is_empty() {
                        problems.push(format!("{at}: no distractors"));
                    }
                    for d in distractors
                        .iter()
                        .filter(|d| answers.contains(&d.0.as_str()))
                    {
                        problems.push(format!("{at}: {:?} is both answer and distractor", d.0));
                    }
                }
                Question::ShortAnswer(q) if q.0.answer.answer.trim().is_empty() => {
                    problems.push(format!("{at}: empty answer"));
                }
                // A Tracing question is checked by running its program, below.
                _ => {}
            }
        }
    }
    for (chapter, kinds) in &per_chapter {
        if kinds.len() < 12 {
            problems.push(format!(
                "{chapter}: {} questions, fewer than 12",
                kinds.len()
            ));
        }
        for kind in ["MultipleChoice", "ShortAnswer", "Tracing"] {
            if !kinds.contains(&kind) {
                problems.push(format!("{chapter}: no {kind} question"));
            }
        }
    }
    assert_none(
        problems,
        "The quiz format is mdbook-quiz's: https://github.com/cognitive-engineering-lab/mdbook-quiz",
    );
}

/// mdbook-quiz's own validator checks the schema, that ids are unique across
/// all quizzes, and each Tracing program, which it compiles with a bare
/// `rustc main.rs` and runs to compare with the answer. It runs inside the
/// `mdbook-quiz` program that renders the quizzes (installed with mdbook by
/// `.ci/install-book-tools`, the README's first command, at the version
/// pinned in `.ci/versions.env`); this test hands it every quiz as
/// `mdbook build` does. (Its library, `mdbook-quiz-validate`, brought some 65
/// more crates into the harness's build: measured on a fresh clone, about a
/// quarter of that build's CPU time.)
/// The quizzes are copied first: mdbook-quiz writes an `id` into the file of
/// a question that has none.
#[test]
fn mdbook_quiz_accepts_every_quiz() {
    let pinned = fs::read_to_string(async_book_harness::root().join(".ci/versions.env"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("MDBOOK_QUIZ_VERSION=").map(str::to_owned))
        .expect(".ci/versions.env has no MDBOOK_QUIZ_VERSION=");
    let version = Command::new("mdbook-quiz").arg("--version").output();
    let version = version.map(|out| String::from_utf8_lossy(&out.stdout).trim().to_owned());
    assert!(
        matches!(&version, Ok(v) if *v == format!("mdbook-quiz {pinned}")),
        "mdbook-quiz {pinned}, which checks the quizzes, is not installed ({version:?}): \
         `bash .ci/install-book-tools` installs it"
    );

    // A book with one chapter per quiz, each chapter only its `{{#quiz}}`.
    let tmp = tempfile::tempdir().expect("no temp dir");
    let src = tmp.path().join("src");
    let mut summary = String::from("# Summary\n\n");
    for (i, file) in quiz::quiz_files().iter().enumerate() {
        let rel = file.strip_prefix(quiz::quizzes_dir()).unwrap();
        let copy = src.join("quizzes").join(rel);
        fs::create_dir_all(copy.parent().unwrap()).unwrap();
        fs::copy(file, &copy).unwrap();
        let directive = format!("{{{{#quiz quizzes/{}}}}}\n", rel.display());
        fs::write(src.join(format!("{i}.md")), directive).unwrap();
        summary += &format!("- [{i}]({i}.md)\n");
    }
    fs::write(src.join("SUMMARY.md"), summary).unwrap();
    // The `[preprocessor.quiz]` table is mdbook-quiz's configuration; mdBook
    // must not run it (this test does, to read what it says).
    let config = "[preprocessor.quiz]\nrenderers = [\"none\"]\n";
    fs::write(tmp.path().join("book.toml"), config).unwrap();
    let book = mdbook_driver::MDBook::load(tmp.path()).expect("cannot load the quiz book");
    let (book, ctx) = book
        .preprocess_book(&mdbook_html::HtmlHandlebars::new())
        .expect("cannot preprocess the quiz book");
    let out = snapbox::cmd::Command::new("mdbook-quiz")
        .current_dir(tmp.path())
        .stdin(serde_json::to_string(&(&ctx, &book)).unwrap())
        .output()
        .expect("cannot run mdbook-quiz");
    // Its report names the copies: name the book's own files instead.
    let report = String::from_utf8_lossy(&out.stderr).replace(
        &format!("{}/", src.join("quizzes").display()),
        "src/quizzes/",
    );
    assert!(
        out.status.success(),
        "mdbook-quiz rejects a quiz:\n{report}\n\
         mdbook-quiz compiles a Tracing program with a bare `rustc main.rs` (edition 2015, no \
         crates): a Tracing program must be std-only and valid in edition 2015 (ask about async \
         programs with a MultipleChoice question instead)."
    );
}

#[test]
fn every_quiz_is_on_exactly_one_page() {
    let mut problems = Vec::new();
    let mut shown: BTreeMap<_, Vec<String>> = BTreeMap::new();
    for page in chapters::markdown_files() {
        for d in quiz::directives(&page) {
            let place = chapters::at(&d.file, d.line);
            if !d.target.is_file() {
                problems.push(format!(
                    "{place}: {{{{#quiz}}}} names {}, which does not exist",
                    relative(&d.target).display()
                ));
            }
            shown.entry(d.target).or_default().push(place);
        }
    }
    for file in quiz::quiz_files() {
        let rel = relative(&file).display().to_string();
        match shown.get(&file).map(Vec::as_slice).unwrap_or_default() {
            [] => problems.push(format!(
                "{rel}: no page shows it; end its section with {{{{#quiz ../../{rel}}}}}"
            )),
            [_] => {}
            pages => problems.push(format!("{rel}: shown more than once: {}", pages.join(", "))),
        }
    }
    assert_none(problems, "");
}

#[test]
fn every_program_question_is_answered_by_running_its_program() {
    let listings = listing::all();
    let report = runner::build_all(&listings);
    let mut problems = Vec::new();
    let mut checked = 0;
    for file in quiz::quiz_files() {
        let Ok(quiz) = quiz::load(&file) else {
            continue; // reported by the parsing test
        };
        for question in &quiz.questions {
            let at = place(&file, question);
            let listing = quiz::id(question).and_then(|id| quiz::listing_for(id, &listings));
            let Some(l) = listing else {
                if matches!(question, Question::Tracing(_)) {
                    problems.push(format!(
                        "{at}: its id must be the package name of the listing it shows"
                    ));
                }
                continue;
            };
            let main_rs = l.dir.join("src").join("main.rs");
            let source = fs::read_to_string(&main_rs).unwrap_or_default();
            // What it really does: `None` if it does not compile, else its stdout.
            let real = match report.executable(l).map(runner::run).transpose() {
                Ok(run) => run.map(|run| run.stdout),
                Err(e) => {
                    problems.push(format!("{at}: {e}"));
                    continue;
                }
            };
            checked += 1;
            match question {
                Question::Tracing(q) => {
                    if q.0.prompt.program.trim_end() != source.trim_end() {
                        problems.push(format!(
                            "{at}: prompt.program is not {} (copy the file into the quiz)",
                            relative(&main_rs).display()
                        ));
                    }
                    // mdbook-quiz's validator checks the same answer against a
                    // bare `rustc` build (see the test above).
                    problems.extend(check_tracing(&at, &q.0.answer, l, report, real.as_deref()));
                }
                Question::MultipleChoice(q) => {
                    use quiz::schema::MultipleChoiceAnswerFormat::Single;
                    if !q
                        .0
                        .prompt
                        .prompt
                        .0
                        .contains(&format!("```rust\n{source}```"))
                    {
                        problems.push(format!(
                            "{at}: the prompt must show {} whole, in a ```rust block",
                            relative(&main_rs).display()
                        ));
                    }
                    let truth = quiz::outcome(real.as_deref());
                    if !matches!(&q.0.answer.answer, Single(answer) if answer.0 == truth) {
                        problems.push(format!(
                            "{at}: the answer is {:?}, but {} does this:\n{truth}",
                            q.0.answer.answer,
                            l.rel_dir().display()
                        ));
                    }
                }
                Question::ShortAnswer(_) => problems.push(format!(
                    "{at}: a program question must be Tracing or MultipleChoice"
                )),
            }
        }
    }
    assert!(
        checked > 0,
        "no question about a program found under src/quizzes/"
    );
    assert_none(
        problems,
        "Fix the answer in the quiz (or the program, if it is wrong).",
    );
}

/// A Tracing answer against the listing's real build and run (`real`: its
/// stdout, `None` if it does not compile).
fn check_tracing(
    at: &str,
    answer: &quiz::schema::TracingAnswer,
    l: &Listing,
    report: &runner::BuildReport,
    real: Option<&str>,
) -> Vec<String> {
    let mut problems = Vec::new();
    if answer.does_compile != real.is_some() {
        let (says, does) = if answer.does_compile {
            ("compiles", "does not")
        } else {
            ("does not compile", "does")
        };
        problems.push(format!("{at}: the answer says it {says}, but it {does}"));
    }
    let Some(stdout) = real else {
        if answer.stdout.is_some() {
            problems.push(format!(
                "{at}: a program that does not compile has no stdout"
            ));
        }
        // The line of the first error's primary span (its first `-->`).
        let blamed = report.errors(l).first().and_then(|d| {
            let arrow = d
                .rendered
                .lines()
                .find(|t| t.trim_start().starts_with("-->"))?;
            let (_, place) = arrow.rsplit_once("src/main.rs:")?;
            place.split(':').next()?.parse::<usize>().ok()
        });
        if let Some(line) = answer.line_number
            && blamed != Some(line)
        {
            problems.push(format!(
                "{at}: the answer blames line {line}, but the compiler's first error is on line {blamed:?}"
            ));
        }
        return problems;
    };
    let expected = answer.stdout.as_deref().unwrap_or_default();
    if stdout.trim_end() != expected.trim_end() {
        problems.push(format!(
            "{at}: the answer's stdout is\n{expected}\nbut {} prints\n{stdout}",
            l.rel_dir().display()
        ));
    }
    problems
}
