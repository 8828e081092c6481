#![doc = include_str!("../docs/README.crate.md")]
//!
//! ## How the crate is built
//!
//! Every rule lives here, in plain Rust with no WebAssembly types: the
//! JavaScript binding is its own crate, which converts values and reports
//! errors. The layers, each importing only those above it in this list:
//! `time`, `text`; `state`, `conditions`, `config`, `event`, `freshness`;
//! `message`; `verdict`; `lean` (the rules on numbers); the object API
//! (`transition`, `reconcile`, `machine`, `replay`, `admission`, `view`,
//! `signing`, `verification`); `decode` (strict decoding of untrusted
//! values); `packed` (the columns, decoded and run by the lean rules) and
//! `api` (decode, then apply).
#![no_std]
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::arithmetic_side_effects,
        clippy::unreachable,
        clippy::todo,
        clippy::unimplemented,
        clippy::cast_possible_truncation
    )
)]

extern crate alloc;
#[cfg(test)]
extern crate std;

mod admission;
pub mod api;
mod conditions;
mod config;
mod decode;
mod error;
mod event;
mod freshness;
pub mod lean;
mod machine;
mod message;
mod num;
pub mod packed;
mod plain;
mod reconcile;
mod replay;
mod signing;
mod state;
mod text;
mod time;
mod transition;
mod verdict;
mod verification;
mod view;

/// What a binding implements to feed its values to the decoders (the
/// WebAssembly binding does, for the values its codec writes).
pub mod input {
    pub use crate::decode::input::{js_number, quote, Input, Shape, StringRead, QUOTE_CHARS};
    pub use crate::decode::{
        lean_allowed_options, lean_conditions, lean_config, lean_event, lean_policy, lean_request,
        lean_state, Seen,
    };
    pub use crate::text::decimal;
}

/// JSON in, typed values or [`InputError`]s out: [`api`] over
/// `serde_json::Value`s, with `None` for an omitted argument.
#[cfg(feature = "json")]
pub mod json {
    pub use crate::decode::json::Json;
}

pub use admission::{admission_decision, admit, Admission, AdmissionRequest};
pub use conditions::{Condition, Conditions};
pub use config::{Config, Profile};
pub use error::{InputError, InputErrorCode};
pub use event::{Event, EventKind, OperatorAction};
pub use freshness::{check_freshness, Policy, Stale};
pub use lean::is_frozen;
pub use machine::{allowed_actions, Machine};
pub use message::Message;
pub use plain::Plain;
pub use reconcile::reconcile;
pub use replay::{replay, Entry, RejectedEntry, Replay, ReplayOutcome};
pub use signing::{admin_signing_payload, AdminCommand, NodeId, ADMIN_SIGNING_DOMAIN};
pub use state::{is_valid_successor, MaintenanceState, StateField, StateKind, MAX_REASON_BYTES};
pub use time::{Millis, OutOfDomain};
pub use transition::{decide, transition};
pub use verdict::{AllowedActions, Decided, Decision, Outcome, RejectCode, Stage, Verdict};
pub use verification::{
    prepare_verification, CommitVerdict, OperatorRegistry, PublicKey, SignedCommit, Verification,
    VerifyCode, VerifyStage,
};
pub use view::{from_view, to_view, Dialect, StateView};
