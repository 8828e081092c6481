//! Admission: what a node checks before it folds an operator command
//! (SPEC section 9). In the nodes' order: the cluster freeze, then (for a
//! signed commit) the envelope's freshness, then the rules.

use serde::Serialize;

use crate::config::Config;
use crate::event::{Event, OperatorAction};
use crate::freshness::{check_freshness, Policy, Stale};
use crate::message::{Form, Message};
use crate::state::{MaintenanceState, StateKind};
use crate::time::Millis;
use crate::transition::decide;
use crate::verdict::{Decision, RejectCode, Verdict};

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

impl Admission {
    pub const fn is_admitted(&self) -> bool {
        !matches!(self.verdict.outcome, crate::Outcome::Rejected)
    }
}

/// Whether a freeze declared until `frozen_until` holds at `now`: it is
/// over at `now == frozen_until`.
pub const fn is_frozen(frozen_until: Option<Millis>, now: Millis) -> bool {
    match frozen_until {
        Some(until) => now.get() < until.get(),
        None => false,
    }
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
        Some((stage, Decision::Rejected { code, message }))
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
        Err(stale) => refuse(Stage::Freshness, stale_code(stale), Form::Stale(stale)),
    }
}

pub(crate) const fn stale_code(stale: Stale) -> RejectCode {
    match stale {
        Stale::FromFuture { .. } => RejectCode::EnvelopeFromFuture,
        Stale::Expired { .. } => RejectCode::EnvelopeExpired,
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
