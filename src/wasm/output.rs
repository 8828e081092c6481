//! Rust values out to JavaScript: plain objects of the SPEC's shape, built
//! by the factories of `js/shapes.js` from values the Rust side chose. The
//! Node conformance run checks the shapes equal serde's JSON.

use js_sys::Array;
use wasm_bindgen::JsValue;

use super::shapes::{
    make_allowed_actions, make_rejected_entry, make_replay_result, make_state, make_verdict,
};
use super::strings::{with_message, with_static};
use crate::{
    AllowedActions, Decision, MaintenanceState, Millis, Outcome, RejectCode, ReplayOutcome, Verdict,
};

pub(crate) trait ToJs {
    fn to_js(&self) -> JsValue;
}

/// `makeState`'s encoding of "no deadline field" and of `deadline: null`.
const NO_DEADLINE: f64 = -2.0;
const NULL_DEADLINE: f64 = -1.0;

impl ToJs for MaintenanceState {
    fn to_js(&self) -> JsValue {
        let since = self.since().map_or(-1.0, Millis::as_f64);
        with_static(self.kind().name(), |kind| match self {
            MaintenanceState::EnteringMaintenance { deadline, .. } => {
                let deadline = deadline.map_or(NULL_DEADLINE, Millis::as_f64);
                make_state(kind, since, deadline, &JsValue::UNDEFINED)
            }
            MaintenanceState::DrainFailed { reason, .. } => {
                make_state(kind, since, NO_DEADLINE, &JsValue::from_str(reason))
            }
            _ => make_state(kind, since, NO_DEADLINE, &JsValue::UNDEFINED),
        })
    }
}

impl ToJs for Option<MaintenanceState> {
    fn to_js(&self) -> JsValue {
        self.as_ref().map_or(JsValue::NULL, ToJs::to_js)
    }
}

fn verdict(
    outcome: Outcome,
    from: &JsValue,
    to: &JsValue,
    code: Option<RejectCode>,
    message: &JsValue,
) -> JsValue {
    with_static(outcome.as_str(), |outcome| match code {
        Some(code) => with_static(code.as_str(), |code| {
            make_verdict(outcome, from, to, code, message)
        }),
        None => make_verdict(outcome, from, to, &JsValue::UNDEFINED, message),
    })
}

/// A verdict from a decision and the state it was applied to, with the
/// message from a cache of JS strings keyed by the (small, `Copy`) message.
impl ToJs for (MaintenanceState, Decision) {
    fn to_js(&self) -> JsValue {
        let (from, decision) = self;
        let to = decision.to.as_ref().unwrap_or(from);
        let (from, to) = (from.to_js(), to.to_js());
        with_message(decision.message, |message| {
            verdict(decision.outcome, &from, &to, decision.code, message)
        })
    }
}

impl ToJs for Verdict {
    fn to_js(&self) -> JsValue {
        let message = JsValue::from_str(&self.message);
        verdict(
            self.outcome,
            &self.from.to_js(),
            &self.to.to_js(),
            self.code,
            &message,
        )
    }
}

impl ToJs for AllowedActions {
    fn to_js(&self) -> JsValue {
        make_allowed_actions(
            self.enter_maintenance,
            self.exit_maintenance,
            self.force_exit,
        )
    }
}

impl ToJs for ReplayOutcome {
    fn to_js(&self) -> JsValue {
        let rejected = Array::new();
        for entry in &self.rejected {
            rejected.push(&make_rejected_entry(
                entry.index as f64,
                &entry.verdict.to_js(),
            ));
        }
        make_replay_result(
            &self.state.to_js(),
            self.applied as f64,
            self.unchanged as f64,
            &rejected,
        )
    }
}

impl ToJs for Option<Millis> {
    fn to_js(&self) -> JsValue {
        self.map_or(JsValue::NULL, |millis| JsValue::from_f64(millis.as_f64()))
    }
}
