//! Runs the listing's program and reads what it prints.

use std::process::Command;

// On the current-thread runtime, the new task cannot start before `main`
// gives the thread up at its first `.await` that is `Pending` (the 50 ms
// sleep); it then starts while `main` is doing its other work.
#[test]
fn main_prints_first_and_the_task_starts_during_its_work() {
    let output = Command::new(env!("CARGO_BIN_EXE_ch01-spawn-task"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "main: doing other work",
            "task: started",
            "main: other work done, waiting for the task",
            "Task returned: 42",
        ]
    );
}
