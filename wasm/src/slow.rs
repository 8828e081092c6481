//! The slow path, and the functions that only have one: the `JsValue`s
//! themselves go to the core's strict decoders (`mesh_maintenance::api`),
//! which judge them and name any malformed one. `js/api.js` comes here
//! whenever its fast path cannot vouch for an argument.

use alloc::string::String;

use js_sys::Array;
use mesh_maintenance::{api, lean::Reason, Config, InputError, MaintenanceState, Message, Millis};
use wasm_bindgen::prelude::*;

use crate::error::thrown;
use crate::js::JS;
use crate::output::ToJs;

/// A converted value, or a thrown `MaintenanceInputError`.
fn answer<T: ToJs>(result: Result<T, InputError>) -> Result<JsValue, JsValue> {
    result.map(|value| value.to_js()).map_err(thrown)
}

#[wasm_bindgen(js_name = slowIsValidSuccessor)]
pub fn is_valid_successor(from: JsValue, to: JsValue) -> Result<JsValue, JsValue> {
    answer(api::is_valid_successor(&JS(from), &JS(to)))
}

#[wasm_bindgen(js_name = slowTransition)]
pub fn transition(
    state: JsValue,
    event: JsValue,
    now: JsValue,
    config: JsValue,
) -> Result<JsValue, JsValue> {
    answer(api::decide(&JS(state), &JS(event), &JS(now), &JS(config)))
}

#[wasm_bindgen(js_name = slowReconcile)]
pub fn reconcile(
    state: JsValue,
    conditions: JsValue,
    now: JsValue,
    config: JsValue,
) -> Result<JsValue, JsValue> {
    answer(api::reconcile(
        &JS(state),
        &JS(conditions),
        &JS(now),
        &JS(config),
    ))
}

#[wasm_bindgen(js_name = slowReplay)]
pub fn replay(entries: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    answer(api::replay(&JS(entries), &JS(options)))
}

/// `[isNonActive, isSteadyMaintenance, since, rank]` of a state.
#[wasm_bindgen(js_name = slowPredicates)]
pub fn predicates(state: JsValue) -> Result<JsValue, JsValue> {
    let state = api::state(&JS(state)).map_err(thrown)?;
    let answers = Array::new();
    answers.push(&state.is_non_active().into());
    answers.push(&state.is_steady_maintenance().into());
    answers.push(&state.since().to_js());
    answers.push(&state.rank().to_js());
    Ok(answers.into())
}

/// A state and a config as the numbers `js/api.js` keeps: `[kind, since,
/// deadline | null, reason | undefined, profile, defaultDrainForMs | null,
/// recoveryRampWindowMs]`.
fn numbers(state: &MaintenanceState, config: &Config) -> JsValue {
    let parts = Array::new();
    parts.push(&state.kind().code().to_js());
    parts.push(&state.since().unwrap_or(Millis::ZERO).to_js());
    parts.push(&state.deadline().to_js());
    parts.push(&state.reason().map_or(JsValue::UNDEFINED, JsValue::from_str));
    parts.push(&config.profile.code().to_js());
    parts.push(&config.default_drain_for_ms.to_js());
    parts.push(&config.recovery_ramp_window_ms.to_js());
    parts.into()
}

/// `new Machine(options)`: the options as [`numbers`].
#[wasm_bindgen(js_name = machineOptions)]
pub fn machine_options(options: JsValue) -> Result<JsValue, JsValue> {
    let machine = api::machine(&JS(options)).map_err(thrown)?;
    Ok(numbers(machine.state(), machine.config()))
}

/// `replay`'s options as [`numbers`].
#[wasm_bindgen(js_name = replayOptions)]
pub fn replay_options(options: JsValue) -> Result<JsValue, JsValue> {
    let (initial, config) = api::replay_options(&JS(options)).map_err(thrown)?;
    Ok(numbers(&initial, &config))
}

/// `Machine.check` / `apply` when the event is not fast: the verdict for the
/// machine's state (given whole), or the error.
#[wasm_bindgen(js_name = slowMachineEvent)]
pub fn machine_event(options: JsValue, event: JsValue, now: JsValue) -> Result<JsValue, JsValue> {
    let machine = api::machine(&JS(options)).map_err(thrown)?;
    let (event, now) = api::event_at(&JS(event), &JS(now)).map_err(thrown)?;
    Ok(machine.check(&event, now).to_js())
}

/// `Machine.allowedActions(now, options)` when not fast.
#[wasm_bindgen(js_name = slowAllowed)]
pub fn allowed(machine: JsValue, now: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let machine = api::machine(&JS(machine)).map_err(thrown)?;
    answer(
        api::allowed_at(&JS(now), &JS(options))
            .map(|(now, frozen_until)| machine.allowed_actions_frozen_until(now, frozen_until)),
    )
}

#[wasm_bindgen]
pub fn admit(request: JsValue, now: JsValue, policy: JsValue) -> Result<JsValue, JsValue> {
    answer(api::admit(&JS(request), &JS(now), &JS(policy)))
}

#[wasm_bindgen(js_name = fromView)]
pub fn from_view(
    view: JsValue,
    observed_at: JsValue,
    dialect: JsValue,
) -> Result<JsValue, JsValue> {
    answer(api::from_view(&JS(view), &JS(observed_at), &JS(dialect)))
}

#[wasm_bindgen(js_name = toView)]
pub fn to_view(state: JsValue, now: JsValue, dialect: JsValue) -> Result<JsValue, JsValue> {
    answer(api::to_view(&JS(state), &JS(now), &JS(dialect)))
}

#[wasm_bindgen(js_name = adminSigningPayload)]
pub fn admin_signing_payload(command: JsValue, issued_at: JsValue) -> Result<JsValue, JsValue> {
    answer(api::admin_signing_payload(&JS(command), &JS(issued_at)))
}

#[wasm_bindgen(js_name = prepareAdminCommit)]
pub fn prepare_admin_commit(
    commit: JsValue,
    now: JsValue,
    registry: JsValue,
    policy: JsValue,
) -> Result<JsValue, JsValue> {
    answer(api::prepare_admin_commit(
        &JS(commit),
        &JS(now),
        &JS(registry),
        &JS(policy),
    ))
}

#[wasm_bindgen(js_name = checkOperatorRegistry)]
pub fn check_operator_registry(registry: JsValue) -> Result<JsValue, JsValue> {
    answer(api::operator_registry(&JS(registry)))
}

/// The text of a message the fast path answered with its number.
#[wasm_bindgen(js_name = messageText)]
pub fn message_text(id: u32) -> String {
    Message::from_id(id)
        .map(|message| message.render())
        .unwrap_or_default()
}

/// Reconcile's `DrainFailed` reason after `waited` ms.
#[wasm_bindgen(js_name = elapsedReason)]
pub fn elapsed_reason(waited: f64) -> String {
    Reason::Elapsed(Millis::from_f64(waited).unwrap_or(Millis::ZERO)).render(String::new)
}
