//! The answer to "what does this event do to this state?".

use alloc::string::String;

use serde::Serialize;

use crate::freshness::Stale;
use crate::message::Message;
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
    /// Exiting from `DrainFailed` needs `force: true` (strict profile).
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
    pub const ALL: [RejectCode; 6] = [
        RejectCode::InvalidTransition,
        RejectCode::ForceRequired,
        RejectCode::InvalidSuccessor,
        RejectCode::FreezeInEffect,
        RejectCode::EnvelopeFromFuture,
        RejectCode::EnvelopeExpired,
    ];

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

    /// The code's number: its position in [`RejectCode::ALL`].
    pub const fn code(self) -> u8 {
        match self {
            RejectCode::InvalidTransition => 0,
            RejectCode::ForceRequired => 1,
            RejectCode::InvalidSuccessor => 2,
            RejectCode::FreezeInEffect => 3,
            RejectCode::EnvelopeFromFuture => 4,
            RejectCode::EnvelopeExpired => 5,
        }
    }
}

impl From<Stale> for RejectCode {
    fn from(stale: Stale) -> RejectCode {
        match stale {
            Stale::FromFuture { .. } => RejectCode::EnvelopeFromFuture,
            Stale::Expired { .. } => RejectCode::EnvelopeExpired,
        }
    }
}

/// Which check decided an admission (SPEC section 9).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    Freeze,
    Freshness,
    Rules,
}

impl Stage {
    pub const ALL: [Stage; 3] = [Stage::Freeze, Stage::Freshness, Stage::Rules];

    /// The stage's number: its position in [`Stage::ALL`].
    pub const fn code(self) -> u8 {
        self as u8
    }

    pub const fn as_str(self) -> &'static str {
        match self {
            Stage::Freeze => "freeze",
            Stage::Freshness => "freshness",
            Stage::Rules => "rules",
        }
    }
}

/// Which operator actions would be applied now: a console's enabled buttons.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AllowedActions {
    pub enter_maintenance: bool,
    pub exit_maintenance: bool,
    /// Only where force is needed, i.e. where a plain exit would be refused.
    pub force_exit: bool,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::Applied, Outcome::Unchanged, Outcome::Rejected];

    pub const fn as_str(self) -> &'static str {
        match self {
            Outcome::Applied => "applied",
            Outcome::Unchanged => "unchanged",
            Outcome::Rejected => "rejected",
        }
    }

    /// The outcome's number: its position in [`Outcome::ALL`].
    pub const fn code(self) -> u8 {
        match self {
            Outcome::Applied => 0,
            Outcome::Unchanged => 1,
            Outcome::Rejected => 2,
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

/// What the rules decided, before it is dressed for a caller: no copy of
/// the input state and no rendered text, so replays and bindings pay only
/// for what they use. Only an applied decision has a new state (`To`), only
/// a rejected one a code. The rules decide on numbers
/// ([`crate::lean::LeanDecision`]); the object API's [`Decision`] is the
/// same answer with the new state built.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Decided<To> {
    Applied { to: To, message: Message },
    Unchanged { message: Message },
    Rejected { code: RejectCode, message: Message },
}

/// A decision whose new state is a [`MaintenanceState`].
pub type Decision = Decided<MaintenanceState>;

impl<To> Decided<To> {
    pub const fn outcome(&self) -> Outcome {
        match self {
            Decided::Applied { .. } => Outcome::Applied,
            Decided::Unchanged { .. } => Outcome::Unchanged,
            Decided::Rejected { .. } => Outcome::Rejected,
        }
    }

    pub const fn message(&self) -> Message {
        match self {
            Decided::Applied { message, .. }
            | Decided::Unchanged { message }
            | Decided::Rejected { message, .. } => *message,
        }
    }

    pub const fn code(&self) -> Option<RejectCode> {
        match self {
            Decided::Rejected { code, .. } => Some(*code),
            Decided::Applied { .. } | Decided::Unchanged { .. } => None,
        }
    }

    /// The same decision with its new state, if any, built by `to`.
    pub fn map<U>(self, to: impl FnOnce(To) -> U) -> Decided<U> {
        match self {
            Decided::Applied {
                to: target,
                message,
            } => Decided::Applied {
                to: to(target),
                message,
            },
            Decided::Unchanged { message } => Decided::Unchanged { message },
            Decided::Rejected { code, message } => Decided::Rejected { code, message },
        }
    }
}

impl Decision {
    /// The full verdict for `from`, the state the event was applied to.
    pub fn into_verdict(self, from: &MaintenanceState) -> Verdict {
        let outcome = self.outcome();
        let code = self.code();
        let message = self.message().render();
        let to = match self {
            Decision::Applied { to, .. } => to,
            Decision::Unchanged { .. } | Decision::Rejected { .. } => from.clone(),
        };
        Verdict {
            outcome,
            from: from.clone(),
            to,
            code,
            message,
        }
    }
}
