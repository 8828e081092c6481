//! Admission: what a node checks before it folds an operator command
//! (SPEC section 9). In the nodes' order: the cluster freeze, then (for a
//! signed commit) the envelope's freshness, then the rules.

use std::fmt;

use serde::Serialize;

use crate::config::Config;
use crate::event::{Event, EventKind};
use crate::message::{Form, Message};
use crate::state::{MaintenanceState, StateKind};
use crate::time::Millis;
use crate::transition::{decide, Decision};
use crate::verdict::{Outcome, RejectCode, Verdict};

/// An operator's command: the events an admin chain carries from a person.
/// `TransitionObserved` and `Reconcile` come from the nodes themselves and
/// are never admitted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OperatorAction {
    /// `None` uses the config's default drain window.
    EnterMaintenance {
        drain_for_ms: Option<Millis>,
    },
    ExitMaintenance {
        force: bool,
    },
}

impl OperatorAction {
    /// The event kinds that are operator actions, and their `type` strings.
    pub const KINDS: [EventKind; 2] = [EventKind::EnterMaintenance, EventKind::ExitMaintenance];
    /// A static, so decoders can cache per-list lookups by its address.
    pub const NAMES: &'static [&'static str; 2] = &OPERATOR_NAMES;

    pub const fn kind(self) -> EventKind {
        match self {
            OperatorAction::EnterMaintenance { .. } => EventKind::EnterMaintenance,
            OperatorAction::ExitMaintenance { .. } => EventKind::ExitMaintenance,
        }
    }

    /// The state kind the action asks for.
    pub const fn target(self) -> StateKind {
        match self {
            OperatorAction::EnterMaintenance { .. } => StateKind::EnteringMaintenance,
            OperatorAction::ExitMaintenance { .. } => StateKind::ExitingMaintenance,
        }
    }
}

impl From<OperatorAction> for Event {
    fn from(action: OperatorAction) -> Event {
        match action {
            OperatorAction::EnterMaintenance { drain_for_ms } => {
                Event::EnterMaintenance { drain_for_ms }
            }
            OperatorAction::ExitMaintenance { force } => Event::ExitMaintenance { force },
        }
    }
}

impl TryFrom<Event> for OperatorAction {
    /// The event, which is not an operator action.
    type Error = Event;

    fn try_from(event: Event) -> Result<OperatorAction, Event> {
        match event {
            Event::EnterMaintenance { drain_for_ms } => {
                Ok(OperatorAction::EnterMaintenance { drain_for_ms })
            }
            Event::ExitMaintenance { force } => Ok(OperatorAction::ExitMaintenance { force }),
            other @ (Event::TransitionObserved { .. } | Event::Reconcile { .. }) => Err(other),
        }
    }
}

static OPERATOR_NAMES: [&str; 2] = [
    OperatorAction::KINDS[0].name(),
    OperatorAction::KINDS[1].name(),
];

/// How fresh a signed commit's envelope must be (upstream `ice.rs`
/// `check_freshness`): at most `freshness_window_ms` old and at most
/// `future_skew_ms` ahead of the node's clock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Policy {
    pub freshness_window_ms: Millis,
    pub future_skew_ms: Millis,
}

impl Policy {
    pub const DEFAULT_FRESHNESS_WINDOW: Millis = Millis::saturating_from(300_000);
    pub const DEFAULT_FUTURE_SKEW: Millis = Millis::saturating_from(30_000);
}

impl Default for Policy {
    fn default() -> Policy {
        Policy {
            freshness_window_ms: Policy::DEFAULT_FRESHNESS_WINDOW,
            future_skew_ms: Policy::DEFAULT_FUTURE_SKEW,
        }
    }
}

/// An operator command as a node receives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AdmissionRequest {
    pub state: MaintenanceState,
    pub action: OperatorAction,
    /// The end of a cluster freeze, if one was declared (`None`: no freeze).
    pub frozen_until: Option<Millis>,
    /// When a signed commit's envelope was issued; `None` for an unsigned
    /// command, which has no freshness to check.
    pub issued_at: Option<Millis>,
    pub config: Config,
}

/// Which check decided an admission.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    Freeze,
    Freshness,
    Rules,
}

impl Stage {
    pub const fn as_str(self) -> &'static str {
        match self {
            Stage::Freeze => "freeze",
            Stage::Freshness => "freshness",
            Stage::Rules => "rules",
        }
    }
}

/// A verdict and the stage that gave it. Its JSON form is the verdict's
/// with a `stage` member.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Admission {
    pub stage: Stage,
    #[serde(flatten)]
    pub verdict: Verdict,
}

/// Whether a freeze declared until `frozen_until` holds at `now`: it is
/// over at `now == frozen_until`.
pub const fn is_frozen(frozen_until: Option<Millis>, now: Millis) -> bool {
    match frozen_until {
        Some(until) => now.get() < until.get(),
        None => false,
    }
}

/// Why a signed envelope is not fresh (upstream `ice.rs` `check_freshness`;
/// both bounds inclusive: exactly `future_skew_ms` ahead or
/// `freshness_window_ms` old passes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stale {
    /// Dated `ahead` ms after `now`, more than `skew`.
    FromFuture { ahead: Millis, skew: Millis },
    /// Issued `age` ms before `now`, more than `window`.
    Expired { age: Millis, window: Millis },
}

impl Stale {
    pub const fn code(self) -> RejectCode {
        match self {
            Stale::FromFuture { .. } => RejectCode::EnvelopeFromFuture,
            Stale::Expired { .. } => RejectCode::EnvelopeExpired,
        }
    }
}

impl fmt::Display for Stale {
    /// The clause a message ends with.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Stale::FromFuture { ahead, skew } => write!(
                f,
                "the signed envelope is dated {ahead} ms ahead of now, more than the {skew} ms allowed"
            ),
            Stale::Expired { age, window } => write!(
                f,
                "the signed envelope was issued {age} ms ago, more than the {window} ms freshness window"
            ),
        }
    }
}

/// Whether an envelope issued at `issued_at` is fresh at `now`.
pub fn check_freshness(issued_at: Millis, now: Millis, policy: &Policy) -> Result<(), Stale> {
    let ahead = issued_at.saturating_since(now);
    if ahead > policy.future_skew_ms {
        return Err(Stale::FromFuture {
            ahead,
            skew: policy.future_skew_ms,
        });
    }
    let age = now.saturating_since(issued_at);
    if age > policy.freshness_window_ms {
        return Err(Stale::Expired {
            age,
            window: policy.freshness_window_ms,
        });
    }
    Ok(())
}

/// What the freeze and freshness checks say, before the rules: `None` when
/// both pass.
pub fn gate(
    action: OperatorAction,
    from: StateKind,
    frozen_until: Option<Millis>,
    issued_at: Option<Millis>,
    now: Millis,
    policy: &Policy,
) -> Option<(Stage, Decision)> {
    let refuse = |stage: Stage, code: RejectCode, form: Form| {
        let message = Message {
            event: action.kind(),
            from,
            to: action.target(),
            form,
        };
        Some((stage, Decision::refused(code, message)))
    };
    if let Some(until) = frozen_until.filter(|_| is_frozen(frozen_until, now)) {
        let left = until.saturating_since(now);
        return refuse(
            Stage::Freeze,
            RejectCode::FreezeInEffect,
            Form::Frozen { until, left },
        );
    }
    match check_freshness(issued_at?, now, policy) {
        Ok(()) => None,
        Err(stale) => refuse(Stage::Freshness, stale.code(), Form::Stale(stale)),
    }
}

/// [`admit`] as a stage and a [`Decision`].
pub fn admission_decision(
    request: &AdmissionRequest,
    now: Millis,
    policy: &Policy,
) -> (Stage, Decision) {
    let from = request.state.kind();
    gate(
        request.action,
        from,
        request.frozen_until,
        request.issued_at,
        now,
        policy,
    )
    .unwrap_or_else(|| {
        let event = Event::from(request.action);
        (
            Stage::Rules,
            decide(&request.state, &event, now, &request.config),
        )
    })
}

/// Whether a node would fold `request` at `now`, and which check decided.
pub fn admit(request: &AdmissionRequest, now: Millis, policy: &Policy) -> Admission {
    let (stage, decision) = admission_decision(request, now, policy);
    Admission {
        stage,
        verdict: decision.into_verdict(&request.state),
    }
}

impl Admission {
    pub const fn is_admitted(&self) -> bool {
        !matches!(self.verdict.outcome, Outcome::Rejected)
    }
}
