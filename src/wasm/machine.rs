//! `class Machine`: one node's state held on the wasm side.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use super::convert::{answer, thrown};
use super::input::Js;
use super::output::ToJs;
use crate::untyped;

/// Holds one node's state. Methods take `&self` and decode their arguments
/// (which may run user getters) before touching the state, so a getter that
/// calls back into the same machine finds it consistent.
#[wasm_bindgen(js_name = Machine)]
pub struct JsMachine {
    inner: RefCell<crate::Machine>,
}

#[wasm_bindgen(js_class = Machine)]
impl JsMachine {
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "MachineOptions")] options: JsValue,
    ) -> Result<JsMachine, JsValue> {
        let machine = untyped::machine(&Js(options)).map_err(thrown)?;
        Ok(JsMachine {
            inner: RefCell::new(machine),
        })
    }

    #[wasm_bindgen(getter, unchecked_return_type = "State")]
    pub fn state(&self) -> JsValue {
        self.inner.borrow().state().to_js()
    }

    /// What `apply` would do; changes nothing.
    #[wasm_bindgen(unchecked_return_type = "Verdict")]
    pub fn check(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Event")] event: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
    ) -> Result<JsValue, JsValue> {
        answer(
            untyped::event_at(&Js(event), &Js(now))
                .map(|(event, now)| self.inner.borrow().check_decision(&event, now)),
        )
    }

    /// Applies `event`; the state changes only when the verdict is `applied`.
    #[wasm_bindgen(unchecked_return_type = "Verdict")]
    pub fn apply(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Event")] event: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
    ) -> Result<JsValue, JsValue> {
        answer(
            untyped::event_at(&Js(event), &Js(now))
                .map(|(event, now)| self.inner.borrow_mut().apply_decision(&event, now)),
        )
    }

    /// Which operator buttons a console should enable at `now`; none while
    /// a cluster freeze declared until `options.frozenUntil` holds.
    #[wasm_bindgen(js_name = allowedActions, unchecked_return_type = "AllowedActions")]
    pub fn allowed_actions(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "AllowedActionsOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        answer(
            untyped::allowed_at(&Js(now), &Js(options)).map(|(now, frozen_until)| {
                self.inner
                    .borrow()
                    .allowed_actions_frozen_until(now, frozen_until)
            }),
        )
    }

    #[wasm_bindgen(js_name = toJSON, unchecked_return_type = "State")]
    pub fn to_json(&self) -> JsValue {
        self.state()
    }
}
