//! Strict decoding of untrusted input (SPEC section 6), written once for
//! every build: an unknown field, a missing one, a wrong type or a number
//! outside the time domain is an [`InputError`] naming the path and the value.

mod command;
mod input;
mod json;
pub(crate) use json::deserialize_via;
pub use json::Json;
mod object;
#[cfg_attr(
    not(all(target_arch = "wasm32", feature = "bulk")),
    allow(unused_imports)
)] // the bulk binding uses them
pub(crate) use object::{expected, fail, ObjectReader};
mod signature;
mod types;
mod view;
pub use command::{admin_command, node_id};
pub use signature::{registry, signed_commit};
pub use view::{dialect, view};

use std::fmt;

pub use input::{js_number, quote, Fast, Input, ReadFailure, Shape, Text, QUOTE_CHARS};
pub use types::{
    admission_request, allowed_options, conditions, config, entries, entry, event,
    for_each_element, machine_options, millis, operator_action, policy, replay_options, state,
    timestamp,
};
pub use types::{MachineOptions, ReplayOptions};

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
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root(name) => f.write_str(name),
            Path::Field(parent, name) => write!(f, "{parent}.{name}"),
            Path::Index(parent, index) => write!(f, "{parent}[{index}]"),
        }
    }
}
