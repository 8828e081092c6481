//! The binding itself, exercised inside a wasm runtime: values in and out,
//! and the errors it throws. Included by `wasm_node.rs` and `wasm_browser.rs`.

use js_sys::{Reflect, JSON};
use mesh_maintenance::wasm::api::{is_valid_successor, rank, replay, since, transition};
use mesh_maintenance::wasm::machine::JsMachine;
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
    assert!(is_valid_successor(
        js(r#"{"kind":"Recovery","since":1}"#),
        js(r#"{"kind":"Active"}"#)
    )
    .expect("valid"));
}

#[wasm_bindgen_test]
fn since_is_null_for_active() {
    assert!(since(js(r#"{"kind":"Active"}"#)).expect("valid").is_null());
    assert_eq!(
        since(js(r#"{"kind":"Recovery","since":9}"#))
            .expect("valid")
            .as_f64(),
        Some(9.0)
    );
    assert_eq!(
        rank(js(r#"{"kind":"Recovery","since":9}"#)).expect("valid"),
        4
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
fn a_machine_applies_only_what_is_applied() {
    let machine =
        JsMachine::new(js(r#"{"state":{"kind":"Maintenance","since":3}}"#)).expect("valid");
    let rejected = machine
        .apply(js(r#"{"type":"EnterMaintenance"}"#), JsValue::from(4))
        .expect("valid");
    assert_eq!(
        get(&rejected, "outcome").as_string().as_deref(),
        Some("rejected")
    );
    assert_eq!(
        json_of(&machine.state()),
        r#"{"kind":"Maintenance","since":3}"#
    );
    let allowed = machine
        .allowed_actions(JsValue::from(4), JsValue::UNDEFINED)
        .expect("valid");
    assert_eq!(
        json_of(&allowed),
        r#"{"enterMaintenance":false,"exitMaintenance":true,"forceExit":false}"#
    );
    machine
        .apply(js(r#"{"type":"ExitMaintenance"}"#), JsValue::from(5))
        .expect("valid");
    assert_eq!(
        json_of(&machine.to_json()),
        r#"{"kind":"ExitingMaintenance","since":5}"#
    );
    let bad = JsMachine::new(js(r#"{"state":{"kind":"Nope"}}"#));
    let (code, _) = input_error(bad.map(|_| JsValue::NULL));
    assert_eq!(code, "INVALID_STATE");
}
