//! One node's state, held between events.

use serde::Serialize;

use crate::admission::{admission_decision, AdmissionRequest};
use crate::config::Config;
use crate::event::{Event, OperatorAction};
use crate::freshness::Policy;
use crate::state::MaintenanceState;
use crate::time::Millis;
use crate::transition::{decide, transition};
use crate::verdict::{Decision, Outcome, Verdict};

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
    /// `frozen_until`: defined through [`admission_decision`], so every
    /// action is off while the freeze holds.
    pub fn allowed_actions_frozen_until(
        &self,
        now: Millis,
        frozen_until: Option<Millis>,
    ) -> AllowedActions {
        allowed_actions(&self.state, &self.config, now, frozen_until)
    }
}

/// The buttons for `state`: each action is allowed exactly when admitting
/// it (no envelope) would apply it.
pub fn allowed_actions(
    state: &MaintenanceState,
    config: &Config,
    now: Millis,
    frozen_until: Option<Millis>,
) -> AllowedActions {
    let would_apply = |action: OperatorAction| {
        let request = AdmissionRequest {
            state: state.clone(),
            action,
            frozen_until,
            issued_at: None,
            config: *config,
        };
        admission_decision(&request, now, &Policy::default())
            .1
            .outcome()
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
