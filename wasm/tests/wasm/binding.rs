//! The binding itself, inside a wasm runtime: values in and out through the
//! slow path, the fast path's numbers, and the errors it throws. Included by
//! `wasm_node.rs` and `wasm_browser.rs`.

use js_sys::{Reflect, JSON};
use mesh_maintenance_wasm::fast::{fast_transition, out_pointer};
use mesh_maintenance_wasm::protocol::{event_meta, state_meta, status, Out, Tag};
use mesh_maintenance_wasm::slow::{
    is_valid_successor, machine_event, machine_options, predicates, replay, transition,
};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

fn js(json: &str) -> JsValue {
    JSON::parse(json).expect("test JSON")
}

fn json_of(value: &JsValue) -> String {
    JSON::stringify(value)
        .expect("stringifiable")
        .as_string()
        .expect("a string")
}

fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).expect("readable")
}

fn input_error(result: Result<JsValue, JsValue>) -> (String, String) {
    let error = result.expect_err("an input error");
    assert_eq!(
        get(&error, "name").as_string().as_deref(),
        Some("MaintenanceInputError")
    );
    let message = get(&error, "message").as_string().expect("message");
    (get(&error, "code").as_string().expect("code"), message)
}

#[wasm_bindgen_test]
fn transition_returns_the_specs_verdict_shape() {
    let verdict = transition(
        js(r#"{"kind":"Active"}"#),
        js(r#"{"type":"EnterMaintenance"}"#),
        JsValue::from(1000),
        JsValue::UNDEFINED,
    )
    .expect("valid");
    assert_eq!(
        json_of(&verdict),
        r#"{"outcome":"applied","from":{"kind":"Active"},"to":{"kind":"EnteringMaintenance","since":1000,"deadline":601000},"message":"EnterMaintenance moved the node from Active to EnteringMaintenance."}"#
    );
}

#[wasm_bindgen_test]
fn rejected_verdicts_carry_a_code() {
    let verdict = transition(
        js(r#"{"kind":"DrainFailed","since":1,"reason":"r"}"#),
        js(r#"{"type":"ExitMaintenance"}"#),
        JsValue::from(2),
        js(r#"{"defaultDrainForMs":null}"#),
    )
    .expect("valid");
    assert_eq!(
        get(&verdict, "code").as_string().as_deref(),
        Some("FORCE_REQUIRED")
    );
    assert_eq!(
        json_of(&get(&verdict, "to")),
        r#"{"kind":"DrainFailed","since":1,"reason":"r"}"#
    );
}

#[wasm_bindgen_test]
fn malformed_input_throws_and_the_module_keeps_working() {
    let (code, message) = input_error(transition(
        js(r#"{"kind":"Active"}"#),
        js(r#"{"type":"EnterMaintenance","drainForMs":-5}"#),
        JsValue::from(1),
        JsValue::UNDEFINED,
    ));
    assert_eq!(code, "INVALID_EVENT");
    assert_eq!(
        message,
        "event.drainForMs: expected a non-negative safe integer, got -5"
    );
    let (code, _) = input_error(transition(
        js(r#"{"kind":"Active"}"#),
        js(r#"{"type":"EnterMaintenance"}"#),
        JsValue::from(f64::NAN),
        JsValue::UNDEFINED,
    ));
    assert_eq!(code, "INVALID_TIMESTAMP");
    let answer = is_valid_successor(
        js(r#"{"kind":"Recovery","since":1}"#),
        js(r#"{"kind":"Active"}"#),
    );
    assert_eq!(answer.expect("valid").as_bool(), Some(true));
}

#[wasm_bindgen_test]
fn predicates_of_a_state() {
    assert_eq!(
        json_of(&predicates(js(r#"{"kind":"Active"}"#)).expect("valid")),
        "[false,false,null,0]"
    );
    assert_eq!(
        json_of(&predicates(js(r#"{"kind":"Recovery","since":9}"#)).expect("valid")),
        "[true,false,9,4]"
    );
}

#[wasm_bindgen_test]
fn replay_reports_rejected_entries() {
    let outcome = replay(
        js(r#"[{"at":1,"event":{"type":"ExitMaintenance"}},{"at":2,"event":{"type":"EnterMaintenance","drainForMs":null}}]"#),
        JsValue::UNDEFINED,
    )
    .expect("valid");
    assert_eq!(get(&outcome, "applied").as_f64(), Some(1.0));
    let rejected = get(&outcome, "rejected");
    assert_eq!(get(&get(&rejected, "0"), "index").as_f64(), Some(0.0));
}

#[wasm_bindgen_test]
fn machine_options_become_numbers_and_events_verdicts() {
    let options = js(
        r#"{"state":{"kind":"EnteringMaintenance","since":3,"deadline":null},"config":{"profile":"node"}}"#,
    );
    assert_eq!(
        json_of(&machine_options(options.clone()).expect("valid")),
        "[1,3,null,null,1,null,300000]"
    );
    let verdict = machine_event(
        options,
        js(r#"{"type":"ExitMaintenance"}"#),
        JsValue::from(4),
    )
    .expect("valid");
    assert_eq!(
        get(&verdict, "outcome").as_string().as_deref(),
        Some("unchanged")
    );
    let (code, _) = input_error(machine_options(js(r#"{"state":{"kind":"Nope"}}"#)));
    assert_eq!(code, "INVALID_STATE");
}

#[wasm_bindgen_test]
fn the_fast_path_answers_with_numbers() {
    // {kind: "Maintenance", since: 10} and {type: "ExitMaintenance"} at 20.
    let state = 2
        | 2 << state_meta::KEYS
        | (Tag::Number as u32) << state_meta::SINCE
        | (Tag::Absent as u32) << state_meta::DEADLINE
        | (Tag::Absent as u32) << state_meta::REASON;
    let event = 1
        | 1 << event_meta::KEYS
        | (Tag::Absent as u32) << event_meta::FIELD
        | (Tag::Absent as u32) << event_meta::NESTED;
    // The state's `since` varies; no deadline, reason, event field or config.
    let exit_at_20 = |since: f64| {
        fast_transition(
            state,
            since,
            0.0,
            0,
            event,
            0.0,
            0,
            0.0,
            0.0,
            0,
            20.0,
            Tag::Absent as u32,
            0.0,
            0.0,
        )
    };
    let word = exit_at_20(10.0);
    assert_eq!(word & status::OK, status::OK);
    assert_eq!(word >> status::OUTCOME & 3, 0, "applied");
    assert_eq!(word >> status::TO_KIND & 7, 3, "ExitingMaintenance");
    // SAFETY: the module's own output buffer, read right after the call.
    let out = unsafe { *(out_pointer() as *const Out) };
    assert_eq!(out.since, 20.0);
    // A since that is no time: not vouched for, the slow path decides.
    assert_eq!(exit_at_20(-1.0), 0);
}
