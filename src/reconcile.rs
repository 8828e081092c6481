//! Reconcile: moving a node forward from what is observed about it.

use serde::{Deserialize, Deserializer, Serialize};

use crate::config::Config;
use crate::message::Why;
use crate::state::MaintenanceState;
use crate::time::Millis;

/// What is observed about a node. An omitted flag is `false`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Conditions {
    pub replicas_drained: bool,
    pub daemons_stopped: bool,
    pub daemons_healthy: bool,
    /// A cluster freeze is in effect: reconcile moves no node (and no drain
    /// fails) until it is lifted, as on the nodes.
    pub cluster_frozen: bool,
}

/// What reconcile decided, with the reason a console shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    Move { target: MaintenanceState, why: Why },
    Stay { why: Why },
}

/// The state `state` should move to given `conditions` at `now`, or `None`.
/// Every target is a valid successor of `state`.
pub fn reconcile(
    state: &MaintenanceState,
    conditions: &Conditions,
    now: Millis,
    config: &Config,
) -> Option<MaintenanceState> {
    match step(state, conditions, now, config) {
        Step::Move { target, .. } => Some(target),
        Step::Stay { .. } => None,
    }
}

pub(crate) fn step(
    state: &MaintenanceState,
    conditions: &Conditions,
    now: Millis,
    config: &Config,
) -> Step {
    if conditions.cluster_frozen {
        return Step::Stay { why: Why::Frozen };
    }
    match state {
        MaintenanceState::EnteringMaintenance { since, deadline } => {
            // Success is checked first: a drain that completed wins even past
            // its deadline.
            if conditions.replicas_drained && conditions.daemons_stopped {
                Step::Move {
                    target: MaintenanceState::Maintenance { since: now },
                    why: Why::DrainedAndStopped,
                }
            } else if deadline.is_some_and(|deadline| now >= deadline) {
                let waited = now.saturating_since(*since);
                Step::Move {
                    target: MaintenanceState::DrainFailed {
                        since: now,
                        reason: format!("drain deadline elapsed after {waited}ms"),
                    },
                    why: Why::DeadlineElapsed,
                }
            } else {
                Step::Stay {
                    why: Why::DrainIncomplete,
                }
            }
        }
        MaintenanceState::ExitingMaintenance { .. } if conditions.daemons_healthy => Step::Move {
            target: MaintenanceState::Recovery { since: now },
            why: Why::DaemonsHealthy,
        },
        MaintenanceState::ExitingMaintenance { .. } => Step::Stay {
            why: Why::DaemonsUnhealthy,
        },
        MaintenanceState::Recovery { since }
            if now.saturating_since(*since) >= config.recovery_ramp_window_ms =>
        {
            Step::Move {
                target: MaintenanceState::Active,
                why: Why::RampElapsed,
            }
        }
        MaintenanceState::Recovery { .. } => Step::Stay {
            why: Why::RampNotElapsed,
        },
        MaintenanceState::Active
        | MaintenanceState::Maintenance { .. }
        | MaintenanceState::DrainFailed { .. } => Step::Stay {
            why: Why::NothingToDo,
        },
    }
}

impl<'de> Deserialize<'de> for Conditions {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::decode::deserialize_via(deserializer, "conditions", |v, p| {
            crate::decode::conditions(v, p, crate::InputErrorCode::InvalidInput)
        })
    }
}
