//! Runs the listing's program and reads what it prints.

use std::process::Command;

// The loser is dropped (its guard prints) before the winning branch's code
// runs, and it never finishes, although `main` waits past the moment it
// would have.
#[test]
fn the_loser_is_dropped_before_the_winning_branch_runs_and_never_finishes() {
    let output = Command::new(env!("CARGO_BIN_EXE_ch01-select-cancels-loser"))
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "slow_operation: started",
            "slow_operation: dropped",
            "Timeout!",
            "main: done",
        ]
    );
}
