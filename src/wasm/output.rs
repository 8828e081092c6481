//! Rust values out to JavaScript: plain objects of the SPEC's shape, built
//! by the factories of `js/shapes.js` from values the Rust side chose. The
//! Node conformance run checks the shapes equal serde's JSON.

use js_sys::{Array, BigInt, Object, Reflect, Uint8Array};
use wasm_bindgen::JsValue;

use super::shapes::{
    make_allowed_actions, make_rejected_entry, make_replay_result, make_state, make_verdict,
};
use super::strings::{js_static, with_message, with_static};
use crate::{
    AllowedActions, CommitVerdict, Decision, MaintenanceState, Millis, Outcome, Plain, RejectCode,
    ReplayOutcome, Stage, Verdict, Verification,
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

/// An admission: the verdict with its `stage` after the other members.
impl ToJs for (MaintenanceState, Stage, Decision) {
    fn to_js(&self) -> JsValue {
        let (from, stage, decision) = self;
        let verdict = (from.clone(), decision.clone()).to_js();
        let _ = with_static("stage", |key| {
            with_static(stage.as_str(), |stage| Reflect::set(&verdict, key, stage))
        });
        verdict
    }
}

/// The dialects' shapes: objects member by member, `bigint`s where the
/// dialect has them.
impl ToJs for Plain {
    fn to_js(&self) -> JsValue {
        match self {
            Plain::Null => JsValue::NULL,
            Plain::Number(n) => JsValue::from_f64(*n as f64),
            Plain::BigInt(n) => BigInt::from(*n).into(),
            Plain::Text(text) => JsValue::from_str(text),
            Plain::Object(members) => {
                let object = Object::new();
                for (name, value) in members {
                    // Own data properties of a fresh object: cannot fail.
                    let _ = with_static(name, |key| Reflect::set(&object, key, &value.to_js()));
                }
                object.into()
            }
        }
    }
}

impl ToJs for Vec<u8> {
    fn to_js(&self) -> JsValue {
        Uint8Array::from(self.as_slice()).into()
    }
}

/// `{outcome, stage, code?, operatorId, message}`, the operator id as a
/// decimal string (a u64 does not fit a number).
impl ToJs for CommitVerdict {
    fn to_js(&self) -> JsValue {
        let object = Object::new();
        let set = |key: &'static str, value: &JsValue| {
            let _ = with_static(key, |key| Reflect::set(&object, key, value));
        };
        match self {
            CommitVerdict::Verified {
                operator_id,
                message,
            } => {
                set("outcome", &js_static("verified"));
                set("stage", &js_static("signature"));
                set("operatorId", &JsValue::from_str(&operator_id.to_string()));
                set("message", &JsValue::from_str(message));
            }
            CommitVerdict::Rejected {
                stage,
                code,
                operator_id,
                message,
            } => {
                set("outcome", &js_static("rejected"));
                set("stage", &js_static(stage.as_str()));
                set("code", &js_static(code.as_str()));
                set("operatorId", &JsValue::from_str(&operator_id.to_string()));
                set("message", &JsValue::from_str(message));
            }
        }
        object.into()
    }
}

/// `{verdict}` when decided, else what the signature check needs and the
/// verdict for each answer.
impl ToJs for Verification {
    fn to_js(&self) -> JsValue {
        let object = Object::new();
        let set = |key: &'static str, value: &JsValue| {
            let _ = with_static(key, |key| Reflect::set(&object, key, value));
        };
        match self {
            Verification::Decided(verdict) => set("verdict", &verdict.to_js()),
            Verification::Check {
                public_key,
                payload,
                signature,
                valid,
                invalid,
            } => {
                set("publicKey", &public_key.to_vec().to_js());
                set("payload", &payload.to_js());
                set("signature", &signature.to_vec().to_js());
                set("valid", &valid.to_js());
                set("invalid", &invalid.to_js());
            }
        }
        object.into()
    }
}

impl ToJs for usize {
    fn to_js(&self) -> JsValue {
        JsValue::from_f64(*self as f64)
    }
}
