//! The shell commands the book shows the reader, in its pages and quizzes,
//! checked as README.md ("What `cargo test` checks") says.

use crate::assert_none;
use async_book_harness::chapters::{self, at};
use async_book_harness::listing;
use async_book_harness::{relative, root, runner};
use regex::Regex;

/// Every `cargo <subcommand> ...` in the book's pages and quizzes (in code
/// blocks, inline code and comments alike), with its `file:line`, split into
/// its words. A command ends at a backtick, a quote, `-->` or the end of the line.
fn shown_commands() -> Vec<(String, Vec<String>)> {
    let command = Regex::new(r"\bcargo (?:run|test|build|check)\b[^`'\x22<>\n]*").unwrap();
    let mut files = chapters::markdown_files();
    files.extend(async_book_harness::quiz::quiz_files());
    let mut found = Vec::new();
    for file in files {
        found.extend(chapters::scan(&file, &command, |line, cap| {
            let text = cap[0].trim_end_matches(['.', ',', ')', ' ', ':', ';']);
            Some((at(&file, line), shlex::split(text)?))
        }));
    }
    found
}

/// What a command asks of cargo: `-p`, `--features`, and the test filters
/// after `--`.
#[derive(Default)]
struct Asked {
    packages: Vec<String>,
    /// Lists of features, as written: `a,b` or `"a b"`.
    features: Vec<String>,
    filters: Vec<String>,
    exact: bool,
}

fn parse(words: &[String]) -> Asked {
    let mut asked = Asked::default();
    let mut words = words.iter().skip(2);
    while let Some(word) = words.next() {
        match word.as_str() {
            "--" => break,
            "-p" | "--package" => asked.packages.extend(words.next().cloned()),
            "-F" | "--features" => asked.features.extend(words.next().cloned()),
            w => {
                if let Some(p) = w.strip_prefix("--package=").or(w.strip_prefix("-p")) {
                    asked.packages.push(p.to_owned());
                } else if let Some(f) = w.strip_prefix("--features=") {
                    asked.features.push(f.to_owned());
                }
            }
        }
    }
    // libtest's arguments: filters, and flags (`--skip` takes a value).
    while let Some(word) = words.next() {
        match word.as_str() {
            "--skip" => _ = words.next(),
            "--exact" => asked.exact = true,
            w if w.starts_with('-') => {}
            w => asked.filters.push(w.to_owned()),
        }
    }
    asked
}

#[test]
fn every_command_names_a_package_and_tests_that_exist() {
    let listings = listing::all();
    let report = runner::build_all(&listings);
    let shown = shown_commands();
    assert!(
        shown
            .iter()
            .any(|(_, words)| words.iter().any(|w| w == "-p")),
        "no `cargo run -p <listing>` found in the book (is this test still reading it?)"
    );
    let mut problems = Vec::new();
    for (place, words) in &shown {
        let (text, asked) = (words.join(" "), parse(words));
        for package in &asked.packages {
            let Some(l) = listings.iter().find(|l| &l.package == package) else {
                problems.push(format!(
                    "{place}: `{text}` names the package `{package}`, which no listing has (renamed?)"
                ));
                continue;
            };
            let features = asked.features.iter().flat_map(|f| f.split([',', ' ']));
            let unknown = |f: &&str| !f.is_empty() && !l.features.iter().any(|known| known == f);
            for feature in features.filter(unknown) {
                problems.push(format!(
                    "{place}: `{text}` turns on the feature `{feature}`, which {} does not have",
                    relative(&l.dir.join("Cargo.toml")).display()
                ));
            }
            if words[1] != "test" || asked.filters.is_empty() {
                continue;
            }
            // Its tests as `cargo test -p <listing> -- --list` names them, ignored ones too.
            let args = ["--list", "--format", "terse", "--include-ignored"];
            let (_, list) = runner::run_tests(l, report, &args);
            let names: Vec<_> = list
                .lines()
                .filter_map(|l| l.strip_suffix(": test"))
                .collect();
            for filter in &asked.filters {
                let matches =
                    |name: &&str| *name == filter || !asked.exact && name.contains(filter);
                if !names.iter().any(matches) {
                    problems.push(format!(
                        "{place}: `{text}` selects no test of {package} with `{filter}`; its tests are: {}",
                        names.join(", ")
                    ));
                }
            }
        }
    }
    assert_none(
        problems,
        "Fix the command in the book, or the listing it names.",
    );
}

/// One `$ command` of a ```` ```console ```` block and the output shown under it.
struct ConsoleStep {
    line: usize,
    words: Vec<String>,
    /// `? <code>`: 0 if the block gives none.
    status: i32,
    output: String,
}

/// trycmd's Markdown format: in a ```` ```console ```` block, `$ ` starts a
/// command, `? <code>` gives its exit code (0 if absent), and the lines under
/// it are what it prints, standard output and error together, where `...` on
/// a line of its own stands for any lines and `[..]` for any text.
fn console_steps(block: &chapters::CodeBlock) -> Vec<ConsoleStep> {
    let mut steps: Vec<ConsoleStep> = Vec::new();
    for (i, line) in block.body.lines().enumerate() {
        if let Some(command) = line.strip_prefix("$ ") {
            steps.push(ConsoleStep {
                line: block.line + 1 + i,
                words: shlex::split(command).unwrap_or_default(),
                status: 0,
                output: String::new(),
            });
        } else if let Some(step) = steps.last_mut() {
            match line.strip_prefix("? ").map(str::parse) {
                Some(Ok(code)) if step.output.is_empty() => step.status = code,
                _ => step.output += &format!("{line}\n"),
            }
        }
    }
    steps
}

/// A console block that shows a command with its output is run (from the
/// repository's root, as a reader who cloned it would) and must print that
/// output. A command shown without output is only checked by the test above.
#[test]
fn console_blocks_print_what_they_show() {
    let mut problems = Vec::new();
    for block in chapters::book_code_blocks() {
        if block.language() != Some("console") {
            continue;
        }
        for step in console_steps(&block) {
            if step.output.trim().is_empty() {
                continue;
            }
            let place = at(&block.file, step.line);
            let text = step.words.join(" ");
            let Some((program, args)) = step.words.split_first() else {
                problems.push(format!("{place}: `$` with no command"));
                continue;
            };
            let cargo = (program == "cargo").then(runner::env_cargo);
            let output = snapbox::cmd::Command::new(cargo.unwrap_or_else(|| program.into()))
                .args(args)
                .current_dir(root())
                .stderr_to_stdout()
                .timeout(runner::RUN_TIME_LIMIT)
                .output();
            let cannot_run = |e| format!("{place}: cannot run `{}`: {e}", step.words[0]);
            let Ok(output) = output.map_err(|e| problems.push(cannot_run(e))) else {
                continue;
            };
            let actual = String::from_utf8_lossy(&output.stdout).into_owned();
            let expected = step.status;
            if output.status.code() != Some(expected) {
                problems.push(format!(
                    "{place}: `{text}` exited with {}, not {expected} (write `? <code>` under \
                     the command when it is meant to fail):\n{actual}",
                    output.status,
                ));
            }
            if let Err(diff) = snapbox::Assert::new().try_eq(
                Some(&"the block's output"),
                snapbox::Data::text(actual),
                snapbox::Data::text(step.output),
            ) {
                problems.push(format!(
                    "{place}: `{text}` prints something else than the block shows:\n{diff}"
                ));
            }
        }
    }
    assert_none(
        problems,
        "Update the block (elide what varies from run to run with `[..]`, and any number of \
         lines, such as cargo's progress, with a line of `...`), or fix the command.",
    );
}
