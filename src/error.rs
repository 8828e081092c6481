//! Malformed input: the typed error every decoder returns.

use alloc::string::String;
use core::fmt;

use serde::Serialize;

use crate::text::Text;

/// Which argument was malformed. The innermost typed value decides: a bad
/// state nested in an event is `InvalidState`, a bad `drainForMs` is
/// `InvalidEvent`, a bad `now` or entry `at` is `InvalidTimestamp`, and
/// containers with no type of their own (replay entries, options, the
/// `conditions` argument of `reconcile`) are `InvalidInput`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum InputErrorCode {
    InvalidState,
    InvalidEvent,
    InvalidTimestamp,
    InvalidConfig,
    InvalidInput,
}

impl InputErrorCode {
    pub const ALL: [InputErrorCode; 5] = [
        InputErrorCode::InvalidState,
        InputErrorCode::InvalidEvent,
        InputErrorCode::InvalidTimestamp,
        InputErrorCode::InvalidConfig,
        InputErrorCode::InvalidInput,
    ];

    /// The code's number: its position in [`InputErrorCode::ALL`].
    pub const fn code(self) -> u8 {
        self as u8
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            InputErrorCode::InvalidState => "INVALID_STATE",
            InputErrorCode::InvalidEvent => "INVALID_EVENT",
            InputErrorCode::InvalidTimestamp => "INVALID_TIMESTAMP",
            InputErrorCode::InvalidConfig => "INVALID_CONFIG",
            InputErrorCode::InvalidInput => "INVALID_INPUT",
        }
    }
}

impl fmt::Display for InputErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Malformed input, named by the path of the offending value
/// (`event.drainForMs: expected a non-negative safe integer, got -5`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    code: InputErrorCode,
    path: String,
    message: String,
}

impl InputError {
    pub(crate) fn new(code: InputErrorCode, path: String, problem: &str) -> InputError {
        let message = Text::new().s(&path).s(": ").s(problem).done();
        InputError {
            code,
            path,
            message,
        }
    }

    pub fn code(&self) -> InputErrorCode {
        self.code
    }

    /// Where the offending value sits, e.g. `entries[3].event.type`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The whole sentence, starting with the path.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl core::error::Error for InputError {}
