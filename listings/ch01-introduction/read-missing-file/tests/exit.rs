//! Runs the listing's program in an empty folder, where `missing.txt` is
//! missing, and reads its exit code and standard error.

use std::process::Command;

// `main` returns the `Err`: Rust prints it with `Debug` on standard error,
// and the program exits with code 1.
#[test]
fn main_returns_the_error_with_exit_code_1() {
    let dir = std::env::temp_dir().join(format!("ch01-read-missing-file-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_ch01-read-missing-file"))
        .current_dir(&dir)
        .output()
        .unwrap();
    std::fs::remove_dir(&dir).unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with("Error: Os { code: 2, kind: NotFound"),
        "{stderr}"
    );
}
