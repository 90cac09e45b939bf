//! Runs the listing's program and reads how it ends.

use std::process::Command;

// `resume_unwind` raises the task's panic again in `main` without running
// the panic hook a second time: the program exits with code 101, as after
// any panic in `main`, and the index error's message, printed by the hook
// when it happened in the task, is on standard error once.
#[test]
fn resume_unwind_exits_with_101_and_the_hook_prints_the_message_once() {
    let output = Command::new(env!("CARGO_BIN_EXE_ch02-task-panics"))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(101));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.matches("index out of bounds").count(), 1, "{stderr}");
}
