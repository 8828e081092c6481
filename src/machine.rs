//! One node's state, held between events.

use serde::Serialize;

use crate::admission::{admission_decision, AdmissionRequest, OperatorAction, Policy};
use crate::config::Config;
use crate::event::Event;
use crate::state::MaintenanceState;
use crate::time::Millis;
use crate::transition::{decide, transition, Decision};
use crate::verdict::{Outcome, Verdict};

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Machine {
    state: MaintenanceState,
    config: Config,
}

/// Which operator actions would be applied now: a console's enabled buttons.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AllowedActions {
    pub enter_maintenance: bool,
    pub exit_maintenance: bool,
    /// Only where force is needed, i.e. where a plain exit would be refused.
    pub force_exit: bool,
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

    /// [`Machine::check`] as a [`Decision`], with the current state.
    pub fn check_decision(&self, event: &Event, now: Millis) -> (MaintenanceState, Decision) {
        (
            self.state.clone(),
            decide(&self.state, event, now, &self.config),
        )
    }

    /// Applies `event`; the state changes only when the verdict is `Applied`.
    pub fn apply(&mut self, event: &Event, now: Millis) -> Verdict {
        let (from, decision) = self.apply_decision(event, now);
        decision.into_verdict(&from)
    }

    /// [`Machine::apply`] as a [`Decision`], with the state it was applied to.
    pub fn apply_decision(&mut self, event: &Event, now: Millis) -> (MaintenanceState, Decision) {
        let decision = decide(&self.state, event, now, &self.config);
        let from = match &decision.to {
            Some(to) => std::mem::replace(&mut self.state, to.clone()),
            None => self.state.clone(),
        };
        (from, decision)
    }

    /// Defined through [`Machine::check`], so a button is enabled exactly when
    /// pressing it would be applied.
    pub fn allowed_actions(&self, now: Millis) -> AllowedActions {
        self.allowed_actions_frozen_until(now, None)
    }

    /// [`Machine::allowed_actions`] under a cluster freeze declared until
    /// `frozen_until`: defined through [`admission_decision`], so every
    /// action is off while the freeze holds.
    pub fn allowed_actions_frozen_until(
        &self,
        now: Millis,
        frozen_until: Option<Millis>,
    ) -> AllowedActions {
        let would_apply = |action: OperatorAction| {
            let request = AdmissionRequest {
                state: self.state.clone(),
                action,
                frozen_until,
                issued_at: None,
                config: self.config,
            };
            admission_decision(&request, now, &Policy::default())
                .1
                .outcome
                == Outcome::Applied
        };
        let exit_maintenance = would_apply(OperatorAction::ExitMaintenance { force: false });
        AllowedActions {
            enter_maintenance: would_apply(OperatorAction::EnterMaintenance { drain_for_ms: None }),
            exit_maintenance,
            force_exit: !exit_maintenance
                && would_apply(OperatorAction::ExitMaintenance { force: true }),
        }
    }
}
