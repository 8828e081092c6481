//! Our values as the node's, and the node's answers in our terms.

use std::time::Duration;

use mesh_maintenance::{AdminCommand, MaintenanceState, Millis, StateKind, StateView};

use super::net::adapter::net::behavior::meshos as node;
use crate::clock::Clock;
use node::{AdminEvent, MaintenanceStateView, MaintenanceTransition};

/// `state` on the node's clock; `None` if a time of it is outside what
/// `Instant` holds.
pub fn state(state: &MaintenanceState, clock: &Clock) -> Option<node::MaintenanceState> {
    let at = |millis: Millis| clock.instant(millis);
    Some(match state {
        MaintenanceState::Active => node::MaintenanceState::Active,
        MaintenanceState::EnteringMaintenance { since, deadline } => {
            node::MaintenanceState::EnteringMaintenance {
                since: at(*since)?,
                deadline: match deadline {
                    Some(deadline) => Some(at(*deadline)?),
                    None => None,
                },
            }
        }
        MaintenanceState::Maintenance { since } => {
            node::MaintenanceState::Maintenance { since: at(*since)? }
        }
        MaintenanceState::ExitingMaintenance { since } => {
            node::MaintenanceState::ExitingMaintenance { since: at(*since)? }
        }
        MaintenanceState::DrainFailed { since, reason } => node::MaintenanceState::DrainFailed {
            since: at(*since)?,
            reason: reason.clone(),
        },
        MaintenanceState::Recovery { since } => {
            node::MaintenanceState::Recovery { since: at(*since)? }
        }
    })
}

pub fn duration(millis: Millis) -> Duration {
    Duration::from_millis(millis.get())
}

/// An operator command as the node's `AdminEvent`.
pub fn command(command: &AdminCommand) -> AdminEvent {
    match *command {
        AdminCommand::EnterMaintenance { node, drain_for_ms } => AdminEvent::EnterMaintenance {
            node,
            drain_for: drain_for_ms.map(duration),
        },
        AdminCommand::ExitMaintenance { node } => AdminEvent::ExitMaintenance { node },
    }
}

/// A reconcile target: the kind, and the reason of a `DrainFailed`.
pub type Target = (StateKind, Option<String>);

pub fn target(state: &MaintenanceState) -> Target {
    (state.kind(), state.reason().map(str::to_string))
}

/// The node's transition in our terms; `None` for a kind we do not know.
pub fn transition(transition: &MaintenanceTransition) -> Option<Target> {
    Some(match transition {
        MaintenanceTransition::Active => (StateKind::Active, None),
        MaintenanceTransition::EnteringMaintenance => (StateKind::EnteringMaintenance, None),
        MaintenanceTransition::Maintenance => (StateKind::Maintenance, None),
        MaintenanceTransition::ExitingMaintenance => (StateKind::ExitingMaintenance, None),
        MaintenanceTransition::DrainFailed { reason } => {
            (StateKind::DrainFailed, Some(reason.clone()))
        }
        MaintenanceTransition::Recovery => (StateKind::Recovery, None),
        _ => return None,
    })
}

/// The SDK's typed view as ours; `Err` with its text for a kind we do not
/// know or a time outside our domain.
pub fn sdk_view(view: &MaintenanceStateView) -> Result<StateView, String> {
    let millis = |value: u64| Millis::new(value).map_err(|_| format!("{view:?}"));
    let (kind, since, deadline, reason) = match view {
        MaintenanceStateView::Active => (StateKind::Active, 0, None, ""),
        MaintenanceStateView::EnteringMaintenance {
            since_ms,
            deadline_remaining_ms,
        } => (
            StateKind::EnteringMaintenance,
            *since_ms,
            *deadline_remaining_ms,
            "",
        ),
        MaintenanceStateView::Maintenance { since_ms } => {
            (StateKind::Maintenance, *since_ms, None, "")
        }
        MaintenanceStateView::ExitingMaintenance { since_ms } => {
            (StateKind::ExitingMaintenance, *since_ms, None, "")
        }
        MaintenanceStateView::DrainFailed { since_ms, reason } => {
            (StateKind::DrainFailed, *since_ms, None, reason.as_str())
        }
        MaintenanceStateView::Recovery { since_ms } => (StateKind::Recovery, *since_ms, None, ""),
        _ => return Err(format!("{view:?}")),
    };
    let deadline = match deadline {
        Some(left) => Some(millis(left)?),
        None => None,
    };
    Ok(StateView::of_kind(kind, millis(since)?, deadline, || {
        reason.to_string()
    }))
}

/// The kind of the node's snapshot of its state (its serde tag).
pub fn snapshot_kind(snapshot: &node::MaintenanceStateSnapshot) -> String {
    match serde_json::to_value(snapshot) {
        Ok(serde_json::Value::String(kind)) => kind,
        Ok(serde_json::Value::Object(members)) => {
            members.keys().next().cloned().unwrap_or_default()
        }
        other => format!("{other:?}"),
    }
}
