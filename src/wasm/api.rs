//! The free functions of the JavaScript API (SPEC section 7).

use wasm_bindgen::prelude::*;

use super::convert::{answer, thrown};
use super::input::Js;
use crate::untyped;

#[wasm_bindgen(js_name = isValidSuccessor)]
pub fn is_valid_successor(
    #[wasm_bindgen(unchecked_param_type = "State")] from: JsValue,
    #[wasm_bindgen(unchecked_param_type = "State")] to: JsValue,
) -> Result<bool, JsValue> {
    untyped::is_valid_successor(&Js(from), &Js(to)).map_err(thrown)
}

/// What `event` does to `state` at `now`; pure.
#[wasm_bindgen(unchecked_return_type = "Verdict")]
pub fn transition(
    #[wasm_bindgen(unchecked_param_type = "State")] state: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Event")] event: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Config")] config: JsValue,
) -> Result<JsValue, JsValue> {
    answer(untyped::decide(
        &Js(state),
        &Js(event),
        &Js(now),
        &Js(config),
    ))
}

/// The state reconcile moves `state` to, or `null`.
#[wasm_bindgen(unchecked_return_type = "State | null")]
pub fn reconcile(
    #[wasm_bindgen(unchecked_param_type = "State")] state: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Conditions")] conditions: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Config")] config: JsValue,
) -> Result<JsValue, JsValue> {
    answer(untyped::reconcile(
        &Js(state),
        &Js(conditions),
        &Js(now),
        &Js(config),
    ))
}

/// Folds `transition` over `entries`; a malformed entry throws.
#[wasm_bindgen(unchecked_return_type = "ReplayResult")]
pub fn replay(
    #[wasm_bindgen(unchecked_param_type = "ReplayEntry[]")] entries: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ReplayOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    answer(untyped::replay(&Js(entries), &Js(options)))
}

#[wasm_bindgen(js_name = isNonActive)]
pub fn is_non_active(
    #[wasm_bindgen(unchecked_param_type = "State")] state: JsValue,
) -> Result<bool, JsValue> {
    Ok(untyped::state(&Js(state)).map_err(thrown)?.is_non_active())
}

#[wasm_bindgen(js_name = isSteadyMaintenance)]
pub fn is_steady_maintenance(
    #[wasm_bindgen(unchecked_param_type = "State")] state: JsValue,
) -> Result<bool, JsValue> {
    Ok(untyped::state(&Js(state))
        .map_err(thrown)?
        .is_steady_maintenance())
}

/// When the node entered its state; `null` for `Active`.
#[wasm_bindgen(unchecked_return_type = "Millis | null")]
pub fn since(
    #[wasm_bindgen(unchecked_param_type = "State")] state: JsValue,
) -> Result<JsValue, JsValue> {
    answer(untyped::state(&Js(state)).map(|state| state.since()))
}

#[wasm_bindgen]
pub fn rank(#[wasm_bindgen(unchecked_param_type = "State")] state: JsValue) -> Result<u8, JsValue> {
    Ok(untyped::state(&Js(state)).map_err(thrown)?.rank())
}
