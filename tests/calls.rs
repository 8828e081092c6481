//! `api::Call`'s argument lists against the typed functions they stand
//! for: for every call and every argument, a malformed value there (the
//! others well-formed) must give the same error through the list as
//! through the typed function, and well-formed arguments must pass both.
//! So the JavaScript binding, which checks arguments through the lists,
//! names every malformed value exactly as the native API does.
#![cfg(feature = "json")]

use mesh_maintenance::api::{self, Arg, Call};
use mesh_maintenance::json::Json;
use mesh_maintenance::InputError;
use serde_json::{json, Value};

/// A well-formed value of each kind of argument.
fn valid(arg: Arg) -> Option<Value> {
    Some(match arg {
        Arg::State => json!({"kind": "DrainFailed", "since": 5, "reason": "r"}),
        Arg::Event => json!({"type": "ExitMaintenance", "force": true}),
        Arg::Timestamp => json!(7),
        Arg::Config => json!({"profile": "node"}),
        Arg::Conditions => json!({"replicasDrained": true}),
        Arg::MachineOptions => json!({"state": {"kind": "Maintenance", "since": 1}}),
        Arg::AllowedOptions => json!({"frozenUntil": null}),
        Arg::ReplayOptions => json!({"initial": {"kind": "Active"}}),
        Arg::AdmissionRequest => {
            json!({"state": {"kind": "Active"}, "event": {"type": "EnterMaintenance"}})
        }
        Arg::Policy => json!({"futureSkewMs": 1}),
    })
}

/// Malformed values every kind of argument refuses, each in its own way.
fn malformed() -> Vec<Value> {
    vec![
        json!("x"),
        json!(-1),
        json!({"kind": "Maintenance", "since": 1, "extra": 1}),
        json!({"type": "Reconcile"}),
        json!({"profile": "nodes"}),
        json!([]),
        json!(null),
    ]
}

/// The typed function of `call` on `args`: its error, if any.
fn typed(call: Call, args: &[Option<Value>]) -> Result<(), InputError> {
    let arg = |i: usize| -> Json<'_> { args.get(i).and_then(Option::as_ref) };
    match call {
        Call::IsValidSuccessor => api::successor_args(&arg(0), &arg(1)).map(drop),
        Call::Transition => api::transition_args(&arg(0), &arg(1), &arg(2), &arg(3)).map(drop),
        Call::Reconcile => api::reconcile_args(&arg(0), &arg(1), &arg(2), &arg(3)).map(drop),
        Call::Predicates => api::state(&arg(0)).map(drop),
        Call::NewMachine => api::machine_options(&arg(0)).map(drop),
        Call::MachineEvent => api::event_at(&arg(0), &arg(1)).map(drop),
        Call::AllowedActions => api::allowed_at(&arg(0), &arg(1)).map(drop),
        Call::ReplayOptions => api::replay_options(&arg(0)).map(drop),
        Call::Admit => api::admission_args(&arg(0), &arg(1), &arg(2)).map(drop),
    }
}

/// `call` checked through its argument list.
fn listed(call: Call, args: &[Option<Value>]) -> Result<(), InputError> {
    let mut values = args.iter();
    call.check(|| -> Json<'_> { values.next().and_then(Option::as_ref) })
}

#[test]
fn every_argument_list_decodes_as_its_typed_function() {
    let mut compared = 0;
    for call in Call::ALL {
        let kinds: Vec<Arg> = call.args().iter().map(|(arg, _)| *arg).collect();
        let valid_args: Vec<Option<Value>> = kinds.iter().map(|arg| valid(*arg)).collect();
        assert_eq!(
            typed(call, &valid_args),
            Ok(()),
            "{}: valid arguments",
            call.name()
        );
        assert_eq!(
            listed(call, &valid_args),
            Ok(()),
            "{}: valid arguments",
            call.name()
        );
        for position in 0..kinds.len() {
            for bad in malformed() {
                let mut args = valid_args.clone();
                args[position] = Some(bad.clone());
                let expected = typed(call, &args);
                assert!(
                    expected.is_err(),
                    "{}: {bad} at {position} passed",
                    call.name()
                );
                assert_eq!(
                    listed(call, &args),
                    expected,
                    "{}: {bad} at {position}",
                    call.name()
                );
                compared += 1;
            }
            // An omitted argument too (JavaScript's `undefined`).
            let mut args = valid_args.clone();
            args[position] = None;
            assert_eq!(
                listed(call, &args),
                typed(call, &args),
                "{}: omitted {position}",
                call.name()
            );
            compared += 1;
        }
    }
    assert!(compared > 150, "{compared} comparisons");
}

#[test]
fn names_are_distinct() {
    let mut names: Vec<&str> = Call::ALL.iter().map(|call| call.name()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), Call::ALL.len());
}
