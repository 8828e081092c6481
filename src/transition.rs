//! The effect of one event on one state (SPEC section 4): the object form
//! of [`crate::lean::decide`].

use crate::config::Config;
use crate::event::Event;
use crate::lean::{self, Lean, LeanDecision, LeanEvent, Target};
use crate::state::MaintenanceState;
use crate::time::Millis;
use crate::verdict::{Decision, Verdict};

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
pub fn decide(state: &MaintenanceState, event: &Event, now: Millis, config: &Config) -> Decision {
    let lean_event = LeanEvent::of(event, state.reason());
    to_object(
        lean::decide(Lean::of(state), lean_event, now, config),
        event,
    )
}

/// `decision` about `event` with its new state built (a `DrainFailed`
/// observed by `event` keeps the observed reason).
pub(crate) fn to_object(decision: LeanDecision, event: &Event) -> Decision {
    decision.map(|Target { state, reason }| {
        state.to_state(|| {
            reason.render(|| match event {
                Event::TransitionObserved { state } => state.reason().unwrap_or_default().into(),
                _ => alloc::string::String::new(),
            })
        })
    })
}
