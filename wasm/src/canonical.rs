//! The core's values written back as the SPEC's plain JavaScript shapes,
//! every optional field explicit: what the slow path answers after strict
//! decoding, so that the fast path can run on it (and what the gate's and
//! the columns' functions return). Members in the order `js/api.js` and
//! the SPEC write them.

use mesh_maintenance::{
    AdmissionRequest, Condition, Conditions, Config, Event, MaintenanceState, Policy, StateField,
};

use crate::answer::Writer;

impl Writer {
    /// `{kind, ...fields}`, a state without a deadline writing `deadline: null`.
    #[inline(never)]
    pub fn state(&mut self, state: &MaintenanceState) -> &mut Self {
        let kind = state.kind();
        self.object(1 + kind.fields().len());
        self.key("kind").string(kind.name());
        for field in kind.fields() {
            self.key(field.name());
            match field {
                StateField::Since => self.nullable(state.since()),
                StateField::Deadline => self.nullable(state.deadline()),
                StateField::Reason => self.string(state.reason().unwrap_or_default()),
            };
        }
        self
    }

    /// Every flag, `false` ones included.
    #[inline(never)]
    pub fn conditions(&mut self, conditions: &Conditions) -> &mut Self {
        self.object(Condition::ALL.len());
        for condition in Condition::ALL {
            self.key(condition.name()).bool(conditions.get(condition));
        }
        self
    }

    #[inline(never)]
    pub fn event(&mut self, event: &Event) -> &mut Self {
        self.object(2);
        self.key("type").string(event.kind().name());
        match event {
            Event::EnterMaintenance { drain_for_ms } => {
                self.key("drainForMs").nullable(*drain_for_ms)
            }
            Event::ExitMaintenance { force } => self.key("force").bool(*force),
            Event::TransitionObserved { state } => self.key("state").state(state),
            Event::Reconcile { conditions } => self.key("conditions").conditions(conditions),
        }
    }

    /// Every field, the profile's defaults written out.
    #[inline(never)]
    pub fn config(&mut self, config: &Config) -> &mut Self {
        self.object(3);
        self.key("profile").string(config.profile.name());
        self.key("defaultDrainForMs")
            .nullable(config.default_drain_for_ms);
        self.key("recoveryRampWindowMs")
            .millis(config.recovery_ramp_window_ms)
    }

    /// `{state, event, frozenUntil, issuedAt?, config}`: `issuedAt` only for
    /// a signed command (an unsigned one has none, and `null` is refused).
    #[inline(never)]
    pub fn admission_request(&mut self, request: &AdmissionRequest) -> &mut Self {
        let signed = request.issued_at.is_some();
        self.object(if signed { 5 } else { 4 });
        self.key("state").state(&request.state);
        self.key("event").event(&Event::from(request.action));
        self.key("frozenUntil").nullable(request.frozen_until);
        if let Some(issued_at) = request.issued_at {
            self.key("issuedAt").millis(issued_at);
        }
        self.key("config").config(&request.config)
    }

    #[inline(never)]
    pub fn policy(&mut self, policy: &Policy) -> &mut Self {
        self.object(2);
        self.key("freshnessWindowMs")
            .millis(policy.freshness_window_ms);
        self.key("futureSkewMs").millis(policy.future_skew_ms)
    }
}
