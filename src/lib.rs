//! The maintenance state machine of a mesh runtime's nodes.
//!
//! `Active → EnteringMaintenance → Maintenance → ExitingMaintenance →
//! Recovery → Active`, with `DrainFailed` when a drain misses its deadline.
//! Every rule lives here, in plain Rust; the WebAssembly binding (`wasm`
//! module, built only for `wasm32`) converts values and reports errors.
//! Time is always passed in: nothing here reads a clock.
//!
//! ```
//! use mesh_maintenance::{Config, Event, Machine, Millis, Outcome};
//!
//! let mut node = Machine::new(Default::default(), Config::default());
//! let now = Millis::new(1_000).unwrap();
//! let verdict = node.apply(&Event::EnterMaintenance { drain_for_ms: None }, now);
//! assert_eq!(verdict.outcome, Outcome::Applied);
//! assert_eq!(node.state().kind().name(), "EnteringMaintenance");
//! ```
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

mod admission;
mod config;
pub mod decode;
mod error;
mod event;
mod machine;
mod message;
pub mod packed;
mod plain;
mod reconcile;
mod replay;
mod signing;
mod state;
mod time;
mod transition;
pub mod untyped;
mod verdict;
mod verification;
mod view;

/// The JavaScript binding, compiled for `wasm32` only. Its functions are
/// what `pkg/` exports; they are public so wasm tests can call them.
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use admission::{
    admission_decision, admit, check_freshness, gate, is_frozen, Admission, AdmissionRequest,
    OperatorAction, Policy, Stage, Stale,
};
pub use config::{Config, Profile};
pub use error::{InputError, InputErrorCode};
pub use event::{Event, EventKind};
pub use machine::{AllowedActions, Machine};
pub use message::Message;
pub use plain::Plain;
pub use reconcile::{reconcile, Conditions};
pub use replay::{replay, Entry, RejectedEntry, Replay, ReplayOutcome};
pub use signing::{admin_signing_payload, AdminCommand, NodeId, ADMIN_SIGNING_DOMAIN};
pub use state::{is_valid_successor, MaintenanceState, StateKind, MAX_REASON_BYTES};
pub use time::{Millis, OutOfDomain};
pub use transition::{decide, transition, Decision};
pub use verdict::{Outcome, RejectCode, Verdict};
pub use verification::{
    prepare_verification, CommitVerdict, OperatorRegistry, PublicKey, SignedCommit, Verification,
    VerifyCode, VerifyStage,
};
pub use view::{from_view, to_view, Dialect, StateView, ViewField};
