//! Compares what a listing printed with the output recorded beside it, using
//! snapbox: `[..]` in a recorded line matches any text (durations, thread
//! ids), and a line holding only `...` matches any number of lines.
//!
//! `SNAPSHOTS=overwrite cargo test` re-records every output that differs
//! (wildcards that still match are kept).

use snapbox::{Assert, Data};
use std::path::Path;

/// The environment variable that switches snapbox to re-recording.
pub const ACTION_ENV: &str = "SNAPSHOTS";

/// Checks `actual` against the recorded file. `what` says what was recorded
/// ("stdout", "stderr", "the compiler's error message"); `test_name` is the
/// name of the test to re-run, for the message.
pub fn check(actual: &str, recorded: &Path, what: &str, test_name: &str) -> Result<(), String> {
    let assert = Assert::new().action_env(ACTION_ENV);
    let rel = crate::relative(recorded).display().to_string();
    let rerecord = format!(
        "If the new output is right, re-record it with\n    \
         {ACTION_ENV}=overwrite cargo test --test book -- {test_name}\n\
         and review the diff of {rel} (keep `[..]` where the text varies from run to run)."
    );
    if !recorded.exists() && assert.selected_action() != snapbox::assert::Action::Overwrite {
        return Err(format!(
            "{rel} is missing: {what} has no recorded output.\n{rerecord}"
        ));
    }
    let expected = Data::read_from(recorded, None);
    assert
        .try_eq(Some(&what), Data::text(actual.to_owned()), expected)
        .map_err(|err| format!("{what} no longer matches {rel}:\n\n{err}\n{rerecord}"))
}
