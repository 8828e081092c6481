//! The signed-commit vectors (`tests/vectors/signatures/`), run natively:
//! `prepare_admin_commit` decides everything but the cryptography, and
//! ed25519-dalek (an implementation independent of the WebCrypto ones the
//! package uses) does the rest. Writes `target/conformance/native-signatures.json`
//! for the JavaScript runners to agree with.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;
use std::path::Path;

mod common;

use common::unmark_bigints;
use ed25519_dalek::{Signature, Verifier, VerifyingKey};
use mesh_maintenance::json::Json;
use mesh_maintenance::{api, CommitVerdict, InputError, Verification};
use serde_json::{json, Value};

fn verify(
    commit: Json<'_>,
    now: Json<'_>,
    registry: Json<'_>,
    policy: Json<'_>,
) -> Result<CommitVerdict, InputError> {
    Ok(
        match api::prepare_admin_commit(&commit, &now, &registry, &policy)? {
            Verification::Decided(verdict) => verdict,
            Verification::Check {
                public_key,
                payload,
                signature,
                valid,
                invalid,
            } => {
                let key = VerifyingKey::from_bytes(&public_key);
                let ok = key.is_ok_and(|key| {
                    key.verify(&payload, &Signature::from_bytes(&signature))
                        .is_ok()
                });
                if ok {
                    valid
                } else {
                    invalid
                }
            }
        },
    )
}

#[test]
fn signature_vectors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("tests/vectors/signatures/commits.json"))
        .expect("the vector file");
    let vectors: Value = serde_json::from_str(&text).expect("JSON");
    let (mut details, mut failures) = (BTreeMap::new(), Vec::new());
    for case in vectors["cases"].as_array().expect("cases") {
        let case = unmark_bigints(case);
        let name = case["name"].as_str().expect("name").to_owned();
        let (actual, expected, detail) = match case["op"].as_str().expect("op") {
            "verifyCommit" => {
                let verdict = verify(
                    case.get("commit"),
                    case.get("now"),
                    case.get("registry"),
                    case.get("policy"),
                )
                .expect("valid input");
                let full = json!(verdict);
                let mut actual = json!({"outcome": full["outcome"], "stage": full["stage"]});
                if let Some(code) = full.get("code") {
                    actual["code"] = code.clone();
                }
                (actual, case["expect"].clone(), full)
            }
            "malformed" => {
                let args = case["args"].as_array().expect("args");
                let detail = match verify(args.first(), args.get(1), args.get(2), args.get(3)) {
                    Ok(verdict) => json!({"ok": verdict}),
                    Err(error) => {
                        json!({"error": error.code().as_str(), "path": error.path(), "message": error.message()})
                    }
                };
                (
                    json!({"error": detail.get("error"), "path": detail.get("path")}),
                    json!({"error": case["error"], "path": case["path"]}),
                    detail,
                )
            }
            other => panic!("unknown op {other}"),
        };
        if actual != expected {
            failures.push(format!(
                "{name}\n  expected {expected}\n  actual   {actual}"
            ));
        }
        details.insert(format!("commits/{name}"), detail);
    }
    let out = root.join("target/conformance");
    std::fs::create_dir_all(&out).expect("target/conformance");
    let text = serde_json::to_string_pretty(&details).expect("JSON");
    std::fs::write(out.join("native-signatures.json"), text + "\n").expect("write");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    println!("native: ran {} signature vectors", details.len());
}
