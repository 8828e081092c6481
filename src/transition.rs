//! The effect of one event on one state (SPEC section 4): the object form
//! of [`crate::lean::decide`].

use crate::config::Config;
use crate::event::Event;
use crate::lean::{self, Lean, LeanDecision, LeanEvent};
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
    match lean::decide(Lean::of(state), lean_event, now, config) {
        LeanDecision::Applied {
            to,
            reason,
            message,
        } => {
            let observed_reason = || match event {
                Event::TransitionObserved { state } => state.reason().unwrap_or_default().into(),
                _ => alloc::string::String::new(),
            };
            Decision::Applied {
                to: to.to_state(|| reason.render(observed_reason)),
                message,
            }
        }
        LeanDecision::Unchanged { message } => Decision::Unchanged { message },
        LeanDecision::Rejected { code, message } => Decision::Rejected { code, message },
    }
}
