//! The JSON conformance vectors, run natively. Every build runs the same
//! files (see `tests/js/conformance.mjs` for the JavaScript runner); this one
//! also writes what it computed, messages included, to
//! `target/conformance/native.json`, and the other runners must agree with it
//! case by case.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use mesh_maintenance::decode::Json;
use mesh_maintenance::{untyped, InputError, Machine, Verdict};
use serde_json::{json, Map, Value};

fn vector_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/vectors");
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

fn run_case(case: &Value) -> Run {
    let op = case["op"].as_str().expect("op");
    let mut problems = Vec::new();
    let (actual, expected, detail) = match op {
        "isValidSuccessor" => {
            let answer = untyped::is_valid_successor(&field(case, "from"), &field(case, "to"))
                .expect("valid input");
            (json!(answer), case["expect"].clone(), json!(answer))
        }
        "transition" => {
            let verdict = untyped::transition(
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
            let target = untyped::reconcile(
                &field(case, "state"),
                &field(case, "conditions"),
                &field(case, "now"),
                &field(case, "config"),
            )
            .expect("valid input");
            (json!(target), case["expect"].clone(), json!(target))
        }
        "predicates" => {
            let state = untyped::state(&field(case, "state")).expect("valid input");
            let answer = json!({
                "isNonActive": state.is_non_active(),
                "isSteadyMaintenance": state.is_steady_maintenance(),
                "since": state.since(),
                "rank": state.rank(),
            });
            (answer.clone(), case["expect"].clone(), answer)
        }
        "machine" => run_machine(case, &mut problems),
        "replay" => {
            let outcome = untyped::replay(&field(case, "entries"), &field(case, "options"))
                .expect("valid input");
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
    let mut machine: Machine = untyped::machine(&field(case, "options")).expect("valid options");
    let (mut actual, mut expected, mut detail) = (Vec::new(), Vec::new(), Vec::new());
    for step in case["steps"].as_array().expect("steps") {
        if let Some(allowed) = step.get("allowed") {
            let answer = json!(untyped::timestamp(&field(step, "at"))
                .map(|now| machine.allowed_actions(now))
                .expect("valid now"));
            expected.push(allowed.clone());
            actual.push(answer.clone());
            detail.push(answer);
            continue;
        }
        let before = json!(machine.state());
        expected.push(step["expect"].clone());
        match untyped::event_at(&field(step, "event"), &field(step, "at")) {
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
        "transition" => json!(untyped::transition(&arg(0), &arg(1), &arg(2), &arg(3))?),
        "reconcile" => json!(untyped::reconcile(&arg(0), &arg(1), &arg(2), &arg(3))?),
        "isValidSuccessor" => json!(untyped::is_valid_successor(&arg(0), &arg(1))?),
        "replay" => json!(untyped::replay(&arg(0), &arg(1))?),
        "Machine" => json!(untyped::machine(&arg(0))?.state()),
        "rank" => json!(untyped::state(&arg(0))?.rank()),
        "since" => json!(untyped::state(&arg(0))?.since()),
        "isNonActive" => json!(untyped::state(&arg(0))?.is_non_active()),
        "isSteadyMaintenance" => json!(untyped::state(&arg(0))?.is_steady_maintenance()),
        other => panic!("unknown call {other}"),
    })
}

#[test]
fn conformance_vectors() {
    let mut details = BTreeMap::new();
    let mut failures = Vec::new();
    let mut count = 0;
    for file in vector_files() {
        let stem = file
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("file name")
            .to_owned();
        let text = std::fs::read_to_string(&file).expect("readable vector file");
        let vectors: Value = serde_json::from_str(&text).expect("vector file is JSON");
        for case in vectors["cases"].as_array().expect("cases") {
            let id = format!("{stem}/{}", case["name"].as_str().expect("name"));
            let run = run_case(case);
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
    assert!(count >= 150, "only {count} vectors");
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/conformance");
    std::fs::create_dir_all(&out).expect("create target/conformance");
    let report = serde_json::to_string_pretty(&details).expect("serializable");
    std::fs::write(out.join("native.json"), report + "\n").expect("write native results");
    println!("native: ran {count} conformance vectors");
    assert!(
        failures.is_empty(),
        "{} of {count} vectors failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
