//! Runs the listing's program and reads what it prints.

use std::process::Command;

// `main` returns after 10 ms, and the task, 10 ms into its second, is
// dropped with the runtime: its last line is never printed.
#[test]
fn the_spawned_task_never_prints_its_last_line() {
    let output = Command::new(env!("CARGO_BIN_EXE_ch01-task-dropped-at-shutdown"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout, "task: sending the report\nmain: done\n");
}
