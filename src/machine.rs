//! One node's state, held between events.

use crate::config::Config;
use crate::event::Event;
use crate::lean::{self, Lean};
use crate::state::MaintenanceState;
use crate::time::Millis;
use crate::transition::{decide, transition};
use crate::verdict::{AllowedActions, Decision, Verdict};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Machine {
    state: MaintenanceState,
    config: Config,
}

impl Machine {
    pub fn new(state: MaintenanceState, config: Config) -> Machine {
        Machine { state, config }
    }

    pub fn state(&self) -> &MaintenanceState {
        &self.state
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// What [`Machine::apply`] would do; changes nothing.
    pub fn check(&self, event: &Event, now: Millis) -> Verdict {
        transition(&self.state, event, now, &self.config)
    }

    /// Applies `event`; the state changes only when the verdict is `Applied`.
    pub fn apply(&mut self, event: &Event, now: Millis) -> Verdict {
        let decision = decide(&self.state, event, now, &self.config);
        let from = match &decision {
            Decision::Applied { to, .. } => core::mem::replace(&mut self.state, to.clone()),
            Decision::Unchanged { .. } | Decision::Rejected { .. } => self.state.clone(),
        };
        decision.into_verdict(&from)
    }

    /// Defined through [`Machine::check`], so a button is enabled exactly when
    /// pressing it would be applied.
    pub fn allowed_actions(&self, now: Millis) -> AllowedActions {
        self.allowed_actions_frozen_until(now, None)
    }

    /// [`Machine::allowed_actions`] under a cluster freeze declared until
    /// `frozen_until`: defined through admission ([`lean::allowed`]), so every
    /// action is off while the freeze holds.
    pub fn allowed_actions_frozen_until(
        &self,
        now: Millis,
        frozen_until: Option<Millis>,
    ) -> AllowedActions {
        allowed_actions(&self.state, &self.config, now, frozen_until)
    }
}

/// The buttons for `state`: see [`lean::allowed`].
pub fn allowed_actions(
    state: &MaintenanceState,
    config: &Config,
    now: Millis,
    frozen_until: Option<Millis>,
) -> AllowedActions {
    lean::allowed(Lean::of(state), config, now, frozen_until)
}
