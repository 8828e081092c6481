//! The effect of one event on one state (SPEC section 4).

use crate::config::Config;
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
    use EventKind::{EnterMaintenance, ExitMaintenance, Reconcile, TransitionObserved};
    let from = state.kind();
    match event {
        Event::EnterMaintenance { drain_for_ms } => match state {
            MaintenanceState::Active => {
                let window = drain_for_ms.or(config.default_drain_for_ms);
                let deadline = window.map(|window| now.saturating_add(window));
                let to = MaintenanceState::EnteringMaintenance {
                    since: now,
                    deadline,
                };
                Decision::applied(EnterMaintenance, from, to, Form::Moved)
            }
            MaintenanceState::EnteringMaintenance { .. } => {
                Decision::unchanged(EnterMaintenance, from, Why::AlreadyEntering)
            }
            _ => Decision::rejected(
                EnterMaintenance,
                from,
                StateKind::EnteringMaintenance,
                RejectCode::InvalidTransition,
                Form::Refused(Why::EnterOnlyFromActive),
            ),
        },
        Event::ExitMaintenance { force } => {
            let exiting = StateKind::ExitingMaintenance;
            match state {
                MaintenanceState::Maintenance { .. } => exit(from, now),
                MaintenanceState::DrainFailed { .. } if *force => exit(from, now),
                MaintenanceState::DrainFailed { .. } => Decision::rejected(
                    ExitMaintenance,
                    from,
                    exiting,
                    RejectCode::ForceRequired,
                    Form::NeedsForce,
                ),
                MaintenanceState::ExitingMaintenance { .. } => {
                    Decision::unchanged(ExitMaintenance, from, Why::AlreadyExiting)
                }
                _ => Decision::rejected(
                    ExitMaintenance,
                    from,
                    exiting,
                    RejectCode::InvalidTransition,
                    Form::Refused(Why::ExitOnlyFromMaintenance),
                ),
            }
        }
        Event::TransitionObserved { state: observed } => {
            let to = observed.kind();
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
        Event::Reconcile { conditions } => match step(state, conditions, now, config) {
            Step::Move { target, why } => {
                Decision::applied(Reconcile, from, target, Form::MovedBecause(why))
            }
            Step::Stay { why } => Decision::unchanged(Reconcile, from, why),
        },
    }
}

fn exit(from: StateKind, now: Millis) -> Decision {
    let to = MaintenanceState::ExitingMaintenance { since: now };
    Decision::applied(EventKind::ExitMaintenance, from, to, Form::Moved)
}
