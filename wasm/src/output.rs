//! Rust values out to JavaScript, for the slow path and the functions that
//! only have one: plain objects of the SPEC's shapes, members in order.
//! The fast path builds the same shapes in `js/api.js` from `js/protocol.js`;
//! the differential test checks the two agree, key order included.

use alloc::vec::Vec;

use js_sys::{Array, BigInt, Float64Array, Object, Reflect, Uint32Array, Uint8Array};
use mesh_maintenance::api::FleetOutcome;
use mesh_maintenance::packed::PackedOutcome;
use mesh_maintenance::{
    AllowedActions, CommitVerdict, Decision, MaintenanceState, Millis, Plain, ReplayOutcome, Stage,
    StateField, Verdict, Verification,
};
use wasm_bindgen::JsValue;

pub(crate) trait ToJs {
    fn to_js(&self) -> JsValue;
}

/// `{name: value, ...}`, members in the order given.
pub(crate) fn object(members: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (name, value) in members {
        // Own data properties of a fresh object: cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(name), value);
    }
    object.into()
}

fn number(n: u64) -> JsValue {
    JsValue::from_f64(n as f64)
}

impl ToJs for MaintenanceState {
    fn to_js(&self) -> JsValue {
        let kind = self.kind();
        let mut members: Vec<(&str, JsValue)> = Vec::with_capacity(3);
        members.push(("kind", kind.name().into()));
        for field in kind.fields() {
            let value = match field {
                StateField::Since => self.since().to_js(),
                StateField::Deadline => self.deadline().to_js(),
                StateField::Reason => self.reason().unwrap_or_default().into(),
            };
            members.push((field.name(), value));
        }
        object(&members)
    }
}

impl ToJs for Option<MaintenanceState> {
    fn to_js(&self) -> JsValue {
        self.as_ref().map_or(JsValue::NULL, ToJs::to_js)
    }
}

impl ToJs for Millis {
    fn to_js(&self) -> JsValue {
        number(self.get())
    }
}

impl ToJs for Option<Millis> {
    fn to_js(&self) -> JsValue {
        self.as_ref().map_or(JsValue::NULL, ToJs::to_js)
    }
}

impl ToJs for bool {
    fn to_js(&self) -> JsValue {
        JsValue::from_bool(*self)
    }
}

impl ToJs for u8 {
    fn to_js(&self) -> JsValue {
        JsValue::from_f64(f64::from(*self))
    }
}

impl ToJs for usize {
    fn to_js(&self) -> JsValue {
        JsValue::from_f64(*self as f64)
    }
}

impl ToJs for Verdict {
    fn to_js(&self) -> JsValue {
        let mut members = alloc::vec![
            ("outcome", self.outcome.as_str().into()),
            ("from", self.from.to_js()),
            ("to", self.to.to_js()),
        ];
        if let Some(code) = self.code {
            members.push(("code", code.as_str().into()));
        }
        members.push(("message", self.message.as_str().into()));
        object(&members)
    }
}

impl ToJs for (MaintenanceState, Decision) {
    fn to_js(&self) -> JsValue {
        let (from, decision) = self;
        decision.clone().into_verdict(from).to_js()
    }
}

/// An admission: the verdict with its `stage` after the other members.
impl ToJs for (MaintenanceState, Stage, Decision) {
    fn to_js(&self) -> JsValue {
        let (from, stage, decision) = self;
        let verdict = decision.clone().into_verdict(from).to_js();
        let _ = Reflect::set(&verdict, &"stage".into(), &stage.as_str().into());
        verdict
    }
}

impl ToJs for AllowedActions {
    fn to_js(&self) -> JsValue {
        object(&[
            ("enterMaintenance", self.enter_maintenance.into()),
            ("exitMaintenance", self.exit_maintenance.into()),
            ("forceExit", self.force_exit.into()),
        ])
    }
}

impl ToJs for ReplayOutcome {
    fn to_js(&self) -> JsValue {
        let rejected = Array::new();
        for entry in &self.rejected {
            rejected.push(&object(&[
                ("index", JsValue::from_f64(entry.index as f64)),
                ("verdict", entry.verdict.to_js()),
            ]));
        }
        object(&[
            ("state", self.state.to_js()),
            ("applied", self.applied.to_js()),
            ("unchanged", self.unchanged.to_js()),
            ("rejected", rejected.into()),
        ])
    }
}

impl ToJs for PackedOutcome {
    fn to_js(&self) -> JsValue {
        object(&[
            ("state", self.state.to_js()),
            ("applied", self.applied.to_js()),
            ("unchanged", self.unchanged.to_js()),
            (
                "rejected",
                Uint32Array::from(self.rejected.as_slice()).into(),
            ),
        ])
    }
}

impl ToJs for FleetOutcome {
    fn to_js(&self) -> JsValue {
        object(&[
            ("kind", Uint8Array::from(self.kind.as_slice()).into()),
            ("since", Float64Array::from(self.since.as_slice()).into()),
            (
                "deadline",
                Float64Array::from(self.deadline.as_slice()).into(),
            ),
            ("changed", Uint32Array::from(self.changed.as_slice()).into()),
        ])
    }
}

/// The dialects' shapes: objects member by member, `bigint`s where the
/// dialect has them.
impl ToJs for Plain {
    fn to_js(&self) -> JsValue {
        match self {
            Plain::Null => JsValue::NULL,
            Plain::Number(n) => number(*n),
            Plain::BigInt(n) => BigInt::from(*n).into(),
            Plain::Text(text) => JsValue::from_str(text),
            Plain::Object(members) => {
                let members: Vec<(&str, JsValue)> = members
                    .iter()
                    .map(|(name, value)| (*name, value.to_js()))
                    .collect();
                object(&members)
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
        let decimal = |id: u64| -> JsValue { mesh_maintenance::input::decimal(id).into() };
        match self {
            CommitVerdict::Verified {
                operator_id,
                message,
            } => object(&[
                ("outcome", "verified".into()),
                ("stage", "signature".into()),
                ("operatorId", decimal(*operator_id)),
                ("message", message.as_str().into()),
            ]),
            CommitVerdict::Rejected {
                stage,
                code,
                operator_id,
                message,
            } => object(&[
                ("outcome", "rejected".into()),
                ("stage", stage.as_str().into()),
                ("code", code.as_str().into()),
                ("operatorId", decimal(*operator_id)),
                ("message", message.as_str().into()),
            ]),
        }
    }
}

/// `{verdict}` when decided, else what the signature check needs and the
/// verdict for each answer.
impl ToJs for Verification {
    fn to_js(&self) -> JsValue {
        match self {
            Verification::Decided(verdict) => object(&[("verdict", verdict.to_js())]),
            Verification::Check {
                public_key,
                payload,
                signature,
                valid,
                invalid,
            } => object(&[
                ("publicKey", public_key.to_vec().to_js()),
                ("payload", payload.to_js()),
                ("signature", signature.to_vec().to_js()),
                ("valid", valid.to_js()),
                ("invalid", invalid.to_js()),
            ]),
        }
    }
}
