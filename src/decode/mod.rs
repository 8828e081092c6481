//! Strict decoding of untrusted input (SPEC section 6), written once for
//! every build: an unknown field, a missing one, a wrong type or a number
//! outside the time domain is an [`InputError`] naming the path and the value.

mod columns;
mod command;
pub(crate) mod input;
#[cfg(feature = "json")]
pub(crate) mod json;
mod object;
#[cfg(feature = "json")]
mod serde;
mod signature;
mod types;
mod view;

use alloc::string::String;

pub(crate) use columns::{check_length, column_conditions, column_entry, column_state};
pub use columns::{ENTER_MAINTENANCE, EXIT_MAINTENANCE, FORCE_EXIT, OBSERVED, RECONCILE};
pub(crate) use command::admin_command;
pub(crate) use input::{Input, Shape};
pub(crate) use object::{expected, threw, ObjectReader};
pub(crate) use signature::{registry, signed_commit};
pub(crate) use types::{
    admission_request, allowed_options, conditions, config, entry, event, for_each_element,
    machine_options, policy, replay_options, state, timestamp,
};
pub use types::{
    lean_allowed_options, lean_conditions, lean_config, lean_event, lean_policy, lean_request,
    lean_state, Seen,
};
pub(crate) use view::{dialect, view};

use crate::text::decimal;

/// Where a value sits in the input, built on the stack and only rendered
/// when an error is reported.
#[derive(Clone, Copy, Debug)]
pub enum Path<'a> {
    Root(&'static str),
    Field(&'a Path<'a>, &'static str),
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    pub fn field(&'a self, name: &'static str) -> Path<'a> {
        Path::Field(self, name)
    }

    pub fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }

    /// `entries[3].event.type`.
    pub fn render(&self) -> String {
        let mut text = String::new();
        self.write(&mut text);
        text
    }

    fn write(&self, text: &mut String) {
        match self {
            Path::Root(name) => text.push_str(name),
            Path::Field(parent, name) => {
                parent.write(text);
                text.push('.');
                text.push_str(name);
            }
            Path::Index(parent, index) => {
                parent.write(text);
                text.push('[');
                text.push_str(&decimal(*index as u64));
                text.push(']');
            }
        }
    }
}
