//! The effect of one event on one state (SPEC section 4).

use crate::config::Config;
use crate::event::Event;
use crate::reconcile::{step, Step};
use crate::state::{is_valid_successor, MaintenanceState, StateKind};
use crate::time::Millis;
use crate::verdict::{RejectCode, Verdict};

/// What `event` does to `state` at `now`. Pure: the caller decides whether
/// to keep `verdict.to`.
pub fn transition(
    state: &MaintenanceState,
    event: &Event,
    now: Millis,
    config: &Config,
) -> Verdict {
    let from = state.kind();
    match event {
        Event::EnterMaintenance { drain_for_ms } => match state {
            MaintenanceState::Active => {
                let window = drain_for_ms.or(config.default_drain_for_ms);
                let deadline = window.map(|window| now.saturating_add(window));
                let to = MaintenanceState::EnteringMaintenance { since: now, deadline };
                Verdict::applied(state, to, format!("EnterMaintenance moved the node from {from} to EnteringMaintenance."))
            }
            MaintenanceState::EnteringMaintenance { .. } => Verdict::unchanged(
                state,
                format!("EnterMaintenance leaves the node in {from}: it is already entering maintenance."),
            ),
            _ => Verdict::rejected(
                state,
                RejectCode::InvalidTransition,
                format!(
                    "EnterMaintenance cannot move the node from {from} to EnteringMaintenance: maintenance can only be entered from Active."
                ),
            ),
        },
        Event::ExitMaintenance { force } => match state {
            MaintenanceState::Maintenance { .. } => exit(state, now),
            MaintenanceState::DrainFailed { .. } if *force => exit(state, now),
            MaintenanceState::DrainFailed { .. } => Verdict::rejected(
                state,
                RejectCode::ForceRequired,
                format!(
                    "ExitMaintenance cannot move the node from {from} to ExitingMaintenance without force: the drain failed, so exiting needs force: true."
                ),
            ),
            MaintenanceState::ExitingMaintenance { .. } => Verdict::unchanged(
                state,
                format!("ExitMaintenance leaves the node in {from}: it is already exiting maintenance."),
            ),
            _ => Verdict::rejected(
                state,
                RejectCode::InvalidTransition,
                format!(
                    "ExitMaintenance cannot move the node from {from} to ExitingMaintenance: maintenance can only be exited from Maintenance or DrainFailed."
                ),
            ),
        },
        Event::TransitionObserved { state: observed } => {
            let to = observed.kind();
            if !is_valid_successor(state, observed) {
                Verdict::rejected(
                    state,
                    RejectCode::InvalidSuccessor,
                    format!("TransitionObserved cannot move the node from {from} to {to}: {to} is not a valid successor of {from}."),
                )
            } else if observed == state {
                Verdict::unchanged(state, format!("TransitionObserved leaves the node in {from}: the observed state is identical."))
            } else if from == to {
                Verdict::applied(
                    state,
                    observed.clone(),
                    format!("TransitionObserved moved the node from {from} to {to}, refreshing its fields."),
                )
            } else {
                Verdict::applied(state, observed.clone(), format!("TransitionObserved moved the node from {from} to {to}."))
            }
        }
        Event::Reconcile { conditions } => match step(state, conditions, now, config) {
            Step::Move { target, why } => {
                let to = target.kind();
                Verdict::applied(state, target, format!("Reconcile moved the node from {from} to {to}: {why}."))
            }
            Step::Stay { why } => Verdict::unchanged(state, format!("Reconcile leaves the node in {from}: {why}.")),
        },
    }
}

fn exit(state: &MaintenanceState, now: Millis) -> Verdict {
    let from = state.kind();
    let to = StateKind::ExitingMaintenance;
    Verdict::applied(
        state,
        MaintenanceState::ExitingMaintenance { since: now },
        format!("ExitMaintenance moved the node from {from} to {to}."),
    )
}
