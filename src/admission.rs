//! Admission: what a node checks before it folds an operator command
//! (SPEC section 9), on objects; the checks themselves are
//! [`crate::lean::admit`].

use serde::Serialize;

use crate::config::Config;
use crate::event::{Event, OperatorAction};
use crate::freshness::Policy;
use crate::lean::{self, Lean};
use crate::state::MaintenanceState;
use crate::time::Millis;
use crate::transition::to_object;
use crate::verdict::{Decision, Stage, Verdict};

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

/// A verdict and the stage that gave it. Its JSON form is the verdict's
/// with a `stage` member.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Admission {
    pub stage: Stage,
    #[serde(flatten)]
    pub verdict: Verdict,
}

/// [`admit`] as a stage and a [`Decision`].
pub fn admission_decision(
    request: &AdmissionRequest,
    now: Millis,
    policy: &Policy,
) -> (Stage, Decision) {
    let (stage, decision) = lean::admit(
        Lean::of(&request.state),
        request.action,
        request.frozen_until,
        request.issued_at,
        now,
        &request.config,
        policy,
    );
    (stage, to_object(decision, &Event::from(request.action)))
}

/// Whether a node would fold `request` at `now`, and which check decided.
pub fn admit(request: &AdmissionRequest, now: Millis, policy: &Policy) -> Admission {
    let (stage, decision) = admission_decision(request, now, policy);
    Admission {
        stage,
        verdict: decision.into_verdict(&request.state),
    }
}
