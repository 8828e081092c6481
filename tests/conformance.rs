//! The JSON conformance vectors, run natively. Every build runs the same
//! files (see `tests/js/conformance.mjs` for the JavaScript runner); this one
//! also writes what it computed, messages included, to
//! `target/conformance/native.json`, and the other runners must agree with it
//! case by case.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

mod common;

use common::{hex, unmark_bigints};
use mesh_maintenance::json::Json;
use mesh_maintenance::packed::{FleetColumns, PackedReplay};
use mesh_maintenance::{api, InputError, Machine, Verdict};
use serde_json::{json, Map, Value};

fn json_files_in(relative: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/vectors exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    files
}

fn error_json(error: &InputError) -> Value {
    json!({"error": error.code().as_str(), "path": error.path(), "message": error.message()})
}

/// The part of a verdict the vectors pin down.
fn verdict_expectation(verdict: &Verdict) -> Value {
    let mut projected = Map::new();
    projected.insert("outcome".into(), json!(verdict.outcome));
    projected.insert("to".into(), json!(verdict.to));
    if let Some(code) = verdict.code {
        projected.insert("code".into(), json!(code));
    }
    Value::Object(projected)
}

/// Invariants every verdict must satisfy, whatever the case expects.
fn check_verdict(verdict: &Verdict, input: &Value, problems: &mut Vec<String>) {
    if &json!(verdict.from) != input {
        problems.push(format!(
            "verdict.from {} is not the input state {input}",
            json!(verdict.from)
        ));
    }
    if !verdict.is_applied() && verdict.to != verdict.from {
        problems.push("an unapplied verdict changed the state".into());
    }
    if verdict.code.is_some() != (verdict.outcome == mesh_maintenance::Outcome::Rejected) {
        problems.push("code must be present exactly when rejected".into());
    }
    if verdict.message.is_empty() {
        problems.push("empty message".into());
    }
}

struct Run {
    actual: Value,
    expected: Value,
    detail: Value,
    problems: Vec<String>,
}

fn field<'a>(case: &'a Value, name: &str) -> Json<'a> {
    case.get(name)
}

fn admission_json(
    state: &mesh_maintenance::MaintenanceState,
    stage: mesh_maintenance::Stage,
    decision: mesh_maintenance::Decision,
) -> Value {
    json!(mesh_maintenance::Admission {
        stage,
        verdict: decision.into_verdict(state)
    })
}

fn run_case(case: &Value) -> Run {
    let case = &unmark_bigints(case);
    let op = case["op"].as_str().expect("op");
    let mut problems = Vec::new();
    let (actual, expected, detail) = match op {
        "isValidSuccessor" => {
            let answer = api::is_valid_successor(&field(case, "from"), &field(case, "to"))
                .expect("valid input");
            (json!(answer), case["expect"].clone(), json!(answer))
        }
        "transition" => {
            let verdict = api::transition(
                &field(case, "state"),
                &field(case, "event"),
                &field(case, "now"),
                &field(case, "config"),
            )
            .expect("valid input");
            check_verdict(&verdict, &case["state"], &mut problems);
            (
                verdict_expectation(&verdict),
                case["expect"].clone(),
                json!(verdict),
            )
        }
        "reconcile" => {
            let target = api::reconcile(
                &field(case, "state"),
                &field(case, "conditions"),
                &field(case, "now"),
                &field(case, "config"),
            )
            .expect("valid input");
            (json!(target), case["expect"].clone(), json!(target))
        }
        "predicates" => {
            let state = api::state(&field(case, "state")).expect("valid input");
            let answer = json!({
                "isNonActive": state.is_non_active(),
                "isSteadyMaintenance": state.is_steady_maintenance(),
                "since": state.since(),
                "rank": state.rank(),
            });
            (answer.clone(), case["expect"].clone(), answer)
        }
        "machine" => run_machine(case, &mut problems),
        "admit" => {
            let (state, stage, decision) = api::admit(
                &field(case, "request"),
                &field(case, "now"),
                &field(case, "policy"),
            )
            .expect("valid input");
            let verdict = decision.clone().into_verdict(&state);
            check_verdict(&verdict, &case["request"]["state"], &mut problems);
            let mut actual = verdict_expectation(&verdict);
            actual["stage"] = json!(stage);
            (
                actual,
                case["expect"].clone(),
                admission_json(&state, stage, decision),
            )
        }
        "fromView" => {
            let state = api::from_view(
                &field(case, "view"),
                &field(case, "observedAt"),
                &field(case, "dialect"),
            )
            .expect("valid input");
            (json!(state), case["expect"].clone(), json!(state))
        }
        "toView" => {
            let view = api::to_view(
                &field(case, "state"),
                &field(case, "now"),
                &field(case, "dialect"),
            )
            .expect("valid input");
            (json!(view), case["expect"].clone(), json!(view))
        }
        "payload" => {
            let bytes =
                api::admin_signing_payload(&field(case, "command"), &field(case, "issuedAt"))
                    .expect("valid input");
            (
                json!(hex(&bytes)),
                case["expect"].clone(),
                json!(hex(&bytes)),
            )
        }
        "replay" => {
            let outcome =
                api::replay(&field(case, "entries"), &field(case, "options")).expect("valid input");
            let rejected: Vec<Value> = outcome
                .rejected
                .iter()
                .map(|entry| json!({"index": entry.index, "code": entry.verdict.code}))
                .collect();
            let actual = json!({
                "state": outcome.state,
                "applied": outcome.applied,
                "unchanged": outcome.unchanged,
                "rejected": rejected,
            });
            (actual, case["expect"].clone(), json!(outcome))
        }
        "malformed" => {
            let detail = match call(case) {
                Ok(value) => json!({"ok": value}),
                Err(error) => error_json(&error),
            };
            let actual = json!({"error": detail.get("error"), "path": detail.get("path")});
            let expected = json!({"error": case["error"], "path": case["path"]});
            (actual, expected, detail)
        }
        other => panic!("unknown op {other}"),
    };
    Run {
        actual,
        expected,
        detail,
        problems,
    }
}

fn run_machine(case: &Value, problems: &mut Vec<String>) -> (Value, Value, Value) {
    let mut machine: Machine = api::machine(&field(case, "options")).expect("valid options");
    let (mut actual, mut expected, mut detail) = (Vec::new(), Vec::new(), Vec::new());
    for step in case["steps"].as_array().expect("steps") {
        if let Some(allowed) = step.get("allowed") {
            let answer = json!(api::allowed_at(&field(step, "at"), &field(step, "options"))
                .map(|(now, frozen_until)| machine.allowed_actions_frozen_until(now, frozen_until))
                .expect("valid now"));
            expected.push(allowed.clone());
            actual.push(answer.clone());
            detail.push(answer);
            continue;
        }
        let before = json!(machine.state());
        expected.push(step["expect"].clone());
        match api::event_at(&field(step, "event"), &field(step, "at")) {
            Ok((event, now)) => {
                let verdict = machine.apply(&event, now);
                check_verdict(&verdict, &before, problems);
                let mut projected = Map::new();
                projected.insert("outcome".into(), json!(verdict.outcome));
                if let Some(code) = verdict.code {
                    projected.insert("code".into(), json!(code));
                }
                projected.insert("state".into(), json!(machine.state()));
                actual.push(Value::Object(projected));
                detail.push(json!(verdict));
            }
            Err(error) => {
                actual.push(json!({"error": error.code().as_str(), "state": machine.state()}));
                detail.push(error_json(&error));
            }
        }
    }
    (json!(actual), json!(expected), json!(detail))
}

/// A call of the API with raw arguments; a missing argument is `undefined`.
fn call(case: &Value) -> Result<Value, InputError> {
    let args = case["args"].as_array().expect("args");
    let arg = |index: usize| -> Json<'_> { args.get(index) };
    Ok(match case["call"].as_str().expect("call") {
        "transition" => json!(api::transition(&arg(0), &arg(1), &arg(2), &arg(3))?),
        "reconcile" => json!(api::reconcile(&arg(0), &arg(1), &arg(2), &arg(3))?),
        "isValidSuccessor" => json!(api::is_valid_successor(&arg(0), &arg(1))?),
        "replay" => json!(api::replay(&arg(0), &arg(1))?),
        "Machine" => json!(api::machine(&arg(0))?.state()),
        "rank" => json!(api::state(&arg(0))?.rank()),
        "since" => json!(api::state(&arg(0))?.since()),
        "isNonActive" => json!(api::state(&arg(0))?.is_non_active()),
        "isSteadyMaintenance" => json!(api::state(&arg(0))?.is_steady_maintenance()),
        "admit" => {
            let (state, stage, decision) = api::admit(&arg(0), &arg(1), &arg(2))?;
            admission_json(&state, stage, decision)
        }
        "fromView" => json!(api::from_view(&arg(0), &arg(1), &arg(2))?),
        "toView" => json!(api::to_view(&arg(0), &arg(1), &arg(2))?),
        "adminSigningPayload" => json!(hex(&api::admin_signing_payload(&arg(0), &arg(1))?)),
        // On a machine made without options.
        "allowedActions" => {
            let machine = mesh_maintenance::Machine::default();
            let (now, frozen_until) = api::allowed_at(&arg(0), &arg(1))?;
            json!(machine.allowed_actions_frozen_until(now, frozen_until))
        }
        other => panic!("unknown call {other}"),
    })
}

/// Runs every case of the files in `relative` with `run`, checks the
/// expectations, and writes the details to `target/conformance/{report}`.
fn run_directory(relative: &str, report: &str, run: fn(&Value) -> Run) -> usize {
    let mut details = BTreeMap::new();
    let mut failures = Vec::new();
    let mut count = 0;
    for file in json_files_in(relative) {
        let stem = file
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("file name")
            .to_owned();
        let text = std::fs::read_to_string(&file).expect("readable vector file");
        let vectors: Value = serde_json::from_str(&text).expect("vector file is JSON");
        for case in vectors["cases"].as_array().expect("cases") {
            let id = format!("{stem}/{}", case["name"].as_str().expect("name"));
            let run = run(case);
            if run.actual != run.expected {
                failures.push(format!(
                    "{id}\n  expected {}\n  actual   {}",
                    run.expected, run.actual
                ));
            }
            for problem in run.problems {
                failures.push(format!("{id}: {problem}"));
            }
            assert!(
                details.insert(id.clone(), run.detail).is_none(),
                "duplicate case {id}"
            );
            count += 1;
        }
    }
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/conformance");
    std::fs::create_dir_all(&out).expect("create target/conformance");
    let text = serde_json::to_string_pretty(&details).expect("serializable");
    std::fs::write(out.join(report), text + "\n").expect("write native results");
    assert!(
        failures.is_empty(),
        "{} of {count} vectors failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    count
}

#[test]
fn conformance_vectors() {
    let count = run_directory("tests/vectors", "native.json", run_case);
    assert!(count >= 150, "only {count} vectors");
    println!("native: ran {count} conformance vectors");
}

#[test]
fn bulk_conformance_vectors() {
    let count = run_directory("tests/vectors/bulk", "native-bulk.json", run_bulk_case);
    println!("native: ran {count} bulk conformance vectors");
}

/// A column of the JSON form: numbers, with `null` for NaN.
fn floats(value: &Value) -> Vec<f64> {
    value
        .as_array()
        .expect("a column")
        .iter()
        .map(|v| v.as_f64().unwrap_or(f64::NAN))
        .collect()
}

/// Back to the JSON form: integers as integers (as JavaScript prints them),
/// NaN as `null`.
fn float_column(column: &[f64]) -> Vec<Value> {
    column
        .iter()
        .map(|v| match v {
            v if v.is_nan() => Value::Null,
            v if v.fract() == 0.0 && *v >= 0.0 => json!(*v as u64),
            v => json!(v),
        })
        .collect()
}

fn bytes(value: &Value) -> Vec<u8> {
    value
        .as_array()
        .expect("a column")
        .iter()
        .map(|v| v.as_u64().expect("a byte") as u8)
        .collect()
}

fn packed_replay(columns: &Value, options: Json<'_>) -> Result<Value, InputError> {
    let (initial, config) = api::replay_options(&options)?;
    let mut replay = PackedReplay::new(initial, config);
    replay.push(
        &bytes(&columns["kind"]),
        &floats(&columns["at"]),
        &floats(&columns["param"]),
    )?;
    let outcome = replay.finish();
    Ok(
        json!({"state": outcome.state, "applied": outcome.applied, "unchanged": outcome.unchanged, "rejected": outcome.rejected}),
    )
}

fn fleet(columns: &Value, now: Json<'_>, config: Json<'_>) -> Result<Value, InputError> {
    let now = api::timestamp(&now)?;
    let config = api::config(&config)?;
    let (mut kinds, mut since, mut deadline) = (
        bytes(&columns["kind"]),
        floats(&columns["since"]),
        floats(&columns["deadline"]),
    );
    let conditions = bytes(&columns["conditions"]);
    let mut changed = Vec::new();
    let fleet = FleetColumns {
        kinds: &mut kinds,
        since: &mut since,
        deadline: &mut deadline,
        conditions: &conditions,
    };
    mesh_maintenance::packed::reconcile_fleet(fleet, 0, now, &config, &mut changed)?;
    Ok(
        json!({"kind": kinds, "since": float_column(&since), "deadline": float_column(&deadline), "changed": changed}),
    )
}

fn run_bulk_case(case: &Value) -> Run {
    let result = match case["op"].as_str().expect("op") {
        "packedReplay" => packed_replay(&case["columns"], field(case, "options")),
        "fleet" => fleet(&case["fleet"], field(case, "now"), field(case, "config")),
        "packedMalformed" => {
            let args = case["args"].as_array().expect("args");
            match case["call"].as_str().expect("call") {
                "replayPacked" => packed_replay(&args[0], args.get(1)),
                "reconcileFleet" => fleet(&args[0], args.get(1), args.get(2)),
                other => panic!("unknown call {other}"),
            }
        }
        other => panic!("unknown op {other}"),
    };
    let detail = result.unwrap_or_else(|error| error_json(&error));
    let (actual, expected) = if case["op"] == "packedMalformed" {
        (
            json!({"error": detail.get("error"), "path": detail.get("path")}),
            json!({"error": case["error"], "path": case["path"]}),
        )
    } else {
        (detail.clone(), case["expect"].clone())
    };
    Run {
        actual,
        expected,
        detail,
        problems: Vec::new(),
    }
}
