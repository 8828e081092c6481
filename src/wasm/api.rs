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

/// Whether a node would fold an operator command at `now`: the freeze, then
/// the envelope's freshness, then the rules.
#[wasm_bindgen(unchecked_return_type = "Admission")]
pub fn admit(
    #[wasm_bindgen(unchecked_param_type = "AdmissionRequest")] request: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "AdmissionPolicy")] policy: JsValue,
) -> Result<JsValue, JsValue> {
    answer(untyped::admit(&Js(request), &Js(now), &Js(policy)))
}

/// The absolute state a node's view taken at `observedAt` describes.
#[wasm_bindgen(js_name = fromView, skip_typescript)]
pub fn from_view(
    view: JsValue,
    observed_at: JsValue,
    dialect: JsValue,
) -> Result<JsValue, JsValue> {
    answer(untyped::from_view(
        &Js(view),
        &Js(observed_at),
        &Js(dialect),
    ))
}

/// `state` as a node would report it at `now`, in `dialect`.
#[wasm_bindgen(js_name = toView, skip_typescript)]
pub fn to_view(state: JsValue, now: JsValue, dialect: JsValue) -> Result<JsValue, JsValue> {
    answer(untyped::to_view(&Js(state), &Js(now), &Js(dialect)))
}

/// The exact bytes a node verifies an operator's Ed25519 signature over.
#[wasm_bindgen(js_name = adminSigningPayload, unchecked_return_type = "Uint8Array")]
pub fn admin_signing_payload(
    #[wasm_bindgen(unchecked_param_type = "AdminCommand")] command: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] issued_at: JsValue,
) -> Result<JsValue, JsValue> {
    answer(untyped::admin_signing_payload(&Js(command), &Js(issued_at)))
}

/// Every check of a signed admin commit but the Ed25519 verification, which
/// `verifyAdminCommit` (js/verify.js) does with WebCrypto.
#[wasm_bindgen(js_name = prepareAdminCommit, unchecked_return_type = "PreparedAdminCommit")]
pub fn prepare_admin_commit(
    #[wasm_bindgen(unchecked_param_type = "SignedAdminCommit")] commit: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
    #[wasm_bindgen(unchecked_param_type = "OperatorRegistryInput")] registry: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "AdmissionPolicy")] policy: JsValue,
) -> Result<JsValue, JsValue> {
    answer(untyped::prepare_admin_commit(
        &Js(commit),
        &Js(now),
        &Js(registry),
        &Js(policy),
    ))
}

/// Checks an operator registry; returns how many operators it names.
#[wasm_bindgen(js_name = checkOperatorRegistry, unchecked_return_type = "number")]
pub fn check_operator_registry(
    #[wasm_bindgen(unchecked_param_type = "OperatorRegistryInput")] registry: JsValue,
) -> Result<JsValue, JsValue> {
    answer(untyped::operator_registry(&Js(registry)))
}
