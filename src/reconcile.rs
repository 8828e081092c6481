//! Reconcile in the object form: moving a node forward from what is
//! observed about it (SPEC section 5).

use crate::conditions::Conditions;
use crate::config::Config;
use crate::lean::{self, Lean};
use crate::state::MaintenanceState;
use crate::time::Millis;

/// The state `state` should move to given `conditions` at `now`, or `None`.
/// Every target is a valid successor of `state`.
pub fn reconcile(
    state: &MaintenanceState,
    conditions: &Conditions,
    now: Millis,
    config: &Config,
) -> Option<MaintenanceState> {
    lean::reconcile(Lean::of(state), *conditions, now, config)
        .map(|(to, reason)| to.to_state(|| reason.render(alloc::string::String::new)))
}
