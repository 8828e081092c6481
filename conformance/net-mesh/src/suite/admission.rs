//! Admission (SPEC section 9): our `admit` (the cluster freeze, then a
//! signed envelope's freshness, then the rules) against the node's own
//! three checks, each asked through its public API:
//!
//! - the freeze: a freeze folded at the node's tick (`FreezeCluster`,
//!   `anchor + ttl`), read through `reconcile`, whose gate is `is_frozen`
//!   (private): a `Recovery` with a zero ramp window ends unless frozen;
//! - freshness: `AdminVerifier::verify_admin_commit` with an empty
//!   registry, so a fresh envelope gets as far as `NotAuthorized`;
//! - the rules: the command folded by `MeshOsState::apply` (as in the
//!   operator-commands part).
//!
//! A node asks them in that order (`event_loop.rs`, `MeshOsLoop::apply`);
//! the loop part checks the order on a running loop.

use std::sync::Arc;

use mesh_maintenance::{
    admit, check_freshness, is_frozen, AdmissionRequest, Conditions, Config, Event,
    MaintenanceState, Millis, OperatorAction, Policy, RejectCode, Stage,
};

use super::commands;
use super::convert;
use super::net::adapter::net::behavior::meshos::{
    AdminEvent, AdminVerifier, OperatorRegistry, OperatorSignature, VerifyError,
};
use super::node::{self, Node, THIS_NODE};
use crate::clock::Clock;
use crate::random::Random;
use crate::tally::{self, Part};

pub const NAME: &str = crate::parts::ADMISSION;

/// A freshness policy: mostly the defaults, sometimes a window of zero,
/// a small one or the whole domain.
pub fn policy(random: &mut Random) -> Policy {
    let mut window = |default: Millis| match random.below(6) {
        0 => Millis::ZERO,
        1 => Millis::saturating_from(random.below(100)),
        2 => Millis::saturating_from(random.below(1_000_000)),
        3 => Millis::MAX,
        _ => default,
    };
    Policy {
        freshness_window_ms: window(Policy::DEFAULT_FRESHNESS_WINDOW),
        future_skew_ms: window(Policy::DEFAULT_FUTURE_SKEW),
    }
}

/// The node's verifier with `policy`'s windows and `registry`.
pub fn verifier(registry: OperatorRegistry, policy: &Policy) -> AdminVerifier {
    AdminVerifier::with_freshness(
        Arc::new(registry),
        1,
        convert::duration(policy.freshness_window_ms),
        convert::duration(policy.future_skew_ms),
    )
}

/// The node's freshness answer for an envelope issued at `issued_at`.
fn node_freshness(
    event: &AdminEvent,
    issued_at: Millis,
    now: Millis,
    policy: &Policy,
) -> Result<Option<RejectCode>, String> {
    let nobody = OperatorSignature {
        operator_id: 1,
        signature: vec![0; 64],
    };
    let answer = verifier(OperatorRegistry::new(), policy).verify_admin_commit(
        event,
        &nobody,
        issued_at.get(),
        now.get(),
    );
    match answer {
        Err(VerifyError::EnvelopeFromFuture { .. }) => Ok(Some(RejectCode::EnvelopeFromFuture)),
        Err(VerifyError::EnvelopeExpired { .. }) => Ok(Some(RejectCode::EnvelopeExpired)),
        Err(VerifyError::NotAuthorized { .. }) => Ok(None),
        other => Err(format!("{other:?}")),
    }
}

/// Whether the node is frozen at its tick after a freeze until `until`
/// was declared there (one that ends at or before `now` as a zero ttl).
fn node_frozen(node: &Node, clock: &Clock, until: Option<Millis>) -> Result<bool, String> {
    let recovering = super::net::adapter::net::behavior::meshos::MaintenanceState::Recovery {
        since: clock.tick(),
    };
    let mut probe = node.with(Conditions::default(), &recovering)?;
    if let Some(until) = until {
        let ttl = until.saturating_since(clock.now());
        node::freeze(&mut probe, convert::duration(ttl));
    }
    Ok(node::reconcile(&probe, std::time::Duration::ZERO).is_empty())
}

fn action(random: &mut Random, now: Millis) -> OperatorAction {
    if random.chance(55) {
        OperatorAction::EnterMaintenance {
            drain_for_ms: random.drain_for(now),
        }
    } else {
        OperatorAction::ExitMaintenance {
            force: random.chance(50),
        }
    }
}

fn admin_event(action: OperatorAction) -> AdminEvent {
    match action {
        OperatorAction::EnterMaintenance { drain_for_ms } => AdminEvent::EnterMaintenance {
            node: THIS_NODE,
            drain_for: drain_for_ms.map(convert::duration),
        },
        OperatorAction::ExitMaintenance { .. } => AdminEvent::ExitMaintenance { node: THIS_NODE },
    }
}

pub fn run(node: &Node, mut random: Random, cases: u64, mut part: Part) -> Part {
    for _ in 0..cases {
        let now = random.now();
        let clock = node.clock(now);
        let state = random.state(now);
        let action = action(&mut random, now);
        let policy = policy(&mut random);
        let frozen_until = random.chance(60).then(|| random.near(now));
        let issued_at = match random.below(10) {
            0..=2 => None,
            3..=6 => Some(random.near(now.saturating_since(policy.freshness_window_ms))),
            _ => Some(random.near(now.saturating_add(policy.future_skew_ms))),
        };
        let request = AdmissionRequest {
            state: state.clone(),
            action,
            frozen_until,
            issued_at,
            config: Config::node(),
        };
        let admission = admit(&request, now, &policy);
        let outcome = compare(node, &clock, &request, &policy, &admission, &mut part);
        part.record(outcome);
    }
    part
}

fn compare(
    node: &Node,
    clock: &Clock,
    request: &AdmissionRequest,
    policy: &Policy,
    admission: &mesh_maintenance::Admission,
    part: &mut Part,
) -> tally::Outcome {
    let now = clock.now();
    let input = (
        &request.state,
        request.action,
        request.frozen_until,
        request.issued_at,
        policy,
        now,
    );
    let event = admin_event(request.action);
    let frozen = match node_frozen(node, clock, request.frozen_until) {
        Ok(frozen) => frozen,
        Err(text) => return tally::Outcome::disagree(input, "a frozen probe", text),
    };
    let stale = match request
        .issued_at
        .map(|issued_at| node_freshness(&event, issued_at, now, policy))
        .transpose()
    {
        Ok(stale) => stale.flatten(),
        Err(text) => return tally::Outcome::disagree(input, "a freshness answer", text),
    };
    // The node's stage and code, in its order.
    let (stage, code) = if frozen {
        (Stage::Freeze, Some(RejectCode::FreezeInEffect))
    } else if let Some(code) = stale {
        (Stage::Freshness, Some(code))
    } else {
        (Stage::Rules, None)
    };
    part.node_said((frozen, stale));
    part.saw(stage.as_str());
    let ours_stale = request
        .issued_at
        .and_then(|issued_at| check_freshness(issued_at, now, policy).err())
        .map(RejectCode::from);
    let checks = tally::Outcome::all([
        tally::Outcome::compare(
            (input, "is_frozen"),
            is_frozen(request.frozen_until, now),
            frozen,
        ),
        tally::Outcome::compare((input, "freshness"), ours_stale, stale),
        tally::Outcome::compare(
            (input, "stage"),
            (
                admission.stage,
                admission
                    .verdict
                    .code
                    .filter(|_| admission.stage != Stage::Rules),
            ),
            (stage, code),
        ),
    ]);
    if !matches!(checks, tally::Outcome::Agree) || stage != Stage::Rules {
        return checks;
    }
    let event = Event::from(request.action);
    let state: &MaintenanceState = &request.state;
    commands::fold(
        node,
        clock,
        state,
        &event,
        &admission.verdict,
        admin_event(request.action),
        part,
    )
}
