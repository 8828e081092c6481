//! The effect of one event on one state (SPEC section 4).

use crate::config::{Config, Profile};
use crate::event::{Event, EventKind};
use crate::message::{Form, Message, Why};
use crate::reconcile::{step, Step};
use crate::state::{is_valid_successor, MaintenanceState, StateKind};
use crate::time::Millis;
use crate::verdict::{Outcome, RejectCode, Verdict};

/// A verdict before it is dressed for a caller: no copy of the input state
/// and no rendered text, so replays and bindings pay only for what they use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub outcome: Outcome,
    /// The new state, exactly when the outcome is `Applied`.
    pub to: Option<MaintenanceState>,
    /// Set exactly when the outcome is `Rejected`.
    pub code: Option<RejectCode>,
    pub message: Message,
}

impl Decision {
    fn applied(event: EventKind, from: StateKind, to: MaintenanceState, form: Form) -> Decision {
        let message = Message {
            event,
            from,
            to: to.kind(),
            form,
        };
        Decision {
            outcome: Outcome::Applied,
            to: Some(to),
            code: None,
            message,
        }
    }

    fn unchanged(event: EventKind, from: StateKind, why: Why) -> Decision {
        let message = Message {
            event,
            from,
            to: from,
            form: Form::Stays(why),
        };
        Decision {
            outcome: Outcome::Unchanged,
            to: None,
            code: None,
            message,
        }
    }

    fn rejected(
        event: EventKind,
        from: StateKind,
        to: StateKind,
        code: RejectCode,
        form: Form,
    ) -> Decision {
        let message = Message {
            event,
            from,
            to,
            form,
        };
        Decision {
            outcome: Outcome::Rejected,
            to: None,
            code: Some(code),
            message,
        }
    }

    /// A refusal decided before the rules (a freeze, a stale envelope).
    pub(crate) fn refused(code: RejectCode, message: Message) -> Decision {
        Decision {
            outcome: Outcome::Rejected,
            to: None,
            code: Some(code),
            message,
        }
    }

    /// The full verdict for `from`, the state the event was applied to.
    pub fn into_verdict(self, from: &MaintenanceState) -> Verdict {
        Verdict {
            outcome: self.outcome,
            to: self.to.unwrap_or_else(|| from.clone()),
            from: from.clone(),
            code: self.code,
            message: self.message.to_string(),
        }
    }
}

/// What `event` does to `state` at `now`. Pure: the caller decides whether
/// to keep `verdict.to`.
pub fn transition(
    state: &MaintenanceState,
    event: &Event,
    now: Millis,
    config: &Config,
) -> Verdict {
    decide(state, event, now, config).into_verdict(state)
}

/// [`transition`] without the verdict's copies and text.
#[inline]
pub fn decide(state: &MaintenanceState, event: &Event, now: Millis, config: &Config) -> Decision {
    match event {
        Event::EnterMaintenance { drain_for_ms } => enter(state, *drain_for_ms, now, config),
        Event::ExitMaintenance { force } => exit(state, *force, now, config.profile),
        Event::TransitionObserved { state: observed } => observe(state, observed),
        Event::Reconcile { conditions } => {
            let from = state.kind();
            match step(state, conditions, now, config) {
                Step::Move { target, why } => {
                    Decision::applied(EventKind::Reconcile, from, target, Form::MovedBecause(why))
                }
                Step::Stay { why } => Decision::unchanged(EventKind::Reconcile, from, why),
            }
        }
    }
}

/// `EnterMaintenance`: from `Active` only under `Strict`; from any state,
/// restarting the window, under `Node`.
fn enter(
    state: &MaintenanceState,
    drain_for_ms: Option<Millis>,
    now: Millis,
    config: &Config,
) -> Decision {
    use EventKind::EnterMaintenance;
    let from = state.kind();
    let entering = || {
        let window = drain_for_ms.or(config.default_drain_for_ms);
        MaintenanceState::EnteringMaintenance {
            since: now,
            deadline: window.map(|window| now.saturating_add(window)),
        }
    };
    match (config.profile, state) {
        (_, MaintenanceState::Active) => {
            Decision::applied(EnterMaintenance, from, entering(), Form::Moved)
        }
        (Profile::Strict, MaintenanceState::EnteringMaintenance { .. }) => {
            Decision::unchanged(EnterMaintenance, from, Why::AlreadyEntering)
        }
        (Profile::Strict, _) => Decision::rejected(
            EnterMaintenance,
            from,
            StateKind::EnteringMaintenance,
            RejectCode::InvalidTransition,
            Form::Refused(Why::EnterOnlyFromActive),
        ),
        (Profile::Node, _) => {
            let to = entering();
            if &to == state {
                Decision::unchanged(EnterMaintenance, from, Why::SameWindow)
            } else {
                let why = if from == StateKind::EnteringMaintenance {
                    Why::NodeRestartsWindow
                } else {
                    Why::NodeEntersFromAnyState
                };
                Decision::applied(EnterMaintenance, from, to, Form::MovedBecause(why))
            }
        }
    }
}

/// `ExitMaintenance`: from `Maintenance`, or from `DrainFailed` with
/// `force` under `Strict` (always under `Node`, which has no `force`).
fn exit(state: &MaintenanceState, force: bool, now: Millis, profile: Profile) -> Decision {
    use EventKind::ExitMaintenance;
    let from = state.kind();
    let exiting = StateKind::ExitingMaintenance;
    let moved = || {
        let to = MaintenanceState::ExitingMaintenance { since: now };
        Decision::applied(ExitMaintenance, from, to, Form::Moved)
    };
    match (profile, state) {
        (_, MaintenanceState::Maintenance { .. }) => moved(),
        (Profile::Node, MaintenanceState::DrainFailed { .. }) => moved(),
        (Profile::Strict, MaintenanceState::DrainFailed { .. }) if force => moved(),
        (Profile::Strict, MaintenanceState::DrainFailed { .. }) => Decision::rejected(
            ExitMaintenance,
            from,
            exiting,
            RejectCode::ForceRequired,
            Form::NeedsForce,
        ),
        (Profile::Strict, MaintenanceState::ExitingMaintenance { .. }) => {
            Decision::unchanged(ExitMaintenance, from, Why::AlreadyExiting)
        }
        (Profile::Strict, _) => Decision::rejected(
            ExitMaintenance,
            from,
            exiting,
            RejectCode::InvalidTransition,
            Form::Refused(Why::ExitOnlyFromMaintenance),
        ),
        (Profile::Node, _) => Decision {
            outcome: Outcome::Unchanged,
            to: None,
            code: None,
            message: Message {
                event: ExitMaintenance,
                from,
                to: from,
                form: Form::Ignored,
            },
        },
    }
}

/// `TransitionObserved`: the same in both profiles.
fn observe(state: &MaintenanceState, observed: &MaintenanceState) -> Decision {
    use EventKind::TransitionObserved;
    let (from, to) = (state.kind(), observed.kind());
    if !is_valid_successor(state, observed) {
        Decision::rejected(
            TransitionObserved,
            from,
            to,
            RejectCode::InvalidSuccessor,
            Form::NotSuccessor,
        )
    } else if observed == state {
        Decision::unchanged(TransitionObserved, from, Why::Identical)
    } else {
        let form = if from == to {
            Form::Refreshed
        } else {
            Form::Moved
        };
        Decision::applied(TransitionObserved, from, observed.clone(), form)
    }
}
