//! The answer to "what does this event do to this state?".

use serde::Serialize;

use crate::state::MaintenanceState;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// The state changed to `to`.
    Applied,
    /// The event was accepted but changes nothing (an idempotent replay).
    Unchanged,
    /// The event is not allowed; `code` says why and the state is untouched.
    Rejected,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum RejectCode {
    /// The operator event does not apply to the current state.
    InvalidTransition,
    /// Exiting from `DrainFailed` needs `force: true`.
    ForceRequired,
    /// The observed state is not a valid successor of the current one.
    InvalidSuccessor,
    /// A cluster freeze holds: the node drops operator commands.
    FreezeInEffect,
    /// The signed envelope is dated further ahead than the allowed skew.
    EnvelopeFromFuture,
    /// The signed envelope is older than the freshness window.
    EnvelopeExpired,
}

impl RejectCode {
    pub const fn as_str(self) -> &'static str {
        match self {
            RejectCode::InvalidTransition => "INVALID_TRANSITION",
            RejectCode::ForceRequired => "FORCE_REQUIRED",
            RejectCode::InvalidSuccessor => "INVALID_SUCCESSOR",
            RejectCode::FreezeInEffect => "FREEZE_IN_EFFECT",
            RejectCode::EnvelopeFromFuture => "ENVELOPE_FROM_FUTURE",
            RejectCode::EnvelopeExpired => "ENVELOPE_EXPIRED",
        }
    }
}

impl Outcome {
    pub const fn as_str(self) -> &'static str {
        match self {
            Outcome::Applied => "applied",
            Outcome::Unchanged => "unchanged",
            Outcome::Rejected => "rejected",
        }
    }
}

/// `to` equals `from` unless the outcome is `Applied`; `code` is set exactly
/// when it is `Rejected`. `message` is one sentence for a console.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Verdict {
    pub outcome: Outcome,
    pub from: MaintenanceState,
    pub to: MaintenanceState,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<RejectCode>,
    pub message: String,
}

impl Verdict {
    pub const fn is_applied(&self) -> bool {
        matches!(self.outcome, Outcome::Applied)
    }
}
