//! The native half of the cross-build differential test: random histories
//! from a fixed seed, each with what the native build makes of it, written
//! to `target/differential/histories.jsonl` for `tests/js/differential.test.mjs`
//! to replay through the wasm build. `DIFF_SEED` and `DIFF_COUNT` (defaults
//! 1 and 100000) make a longer run one variable away.
//!
//! Three more files cover the admission and signing API, each with
//! `DIFF_COUNT / 2` cases: `admissions.jsonl` (`admit` around the freeze and
//! freshness boundaries, and `Machine.allowedActions` under a freeze),
//! `views.jsonl` (`toView`, then `fromView` at another time, in a random
//! dialect; some views mutated into malformed ones, whose errors are
//! compared too) and `payloads.jsonl` (`adminSigningPayload` and
//! `prepareAdminCommit`, compared as hex). Messages are compared through a
//! digest, as for the histories.
#![cfg(not(target_arch = "wasm32"))]

use std::io::{BufWriter, Write};
use std::path::Path;

mod common;

use common::hex;
use mesh_maintenance::{
    admin_signing_payload, admit, api, from_view, prepare_verification, replay, to_view,
    AdminCommand, AdmissionRequest, Conditions, Config, Dialect, Entry, Event, InputError, Machine,
    MaintenanceState, Millis, OperatorAction, OperatorRegistry, Policy, Profile, SignedCommit,
    Verification,
};
use serde_json::{json, Value};

/// SplitMix64: small, fast, and the same sequence everywhere.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// A time near `around`, sometimes at the domain's edges.
    fn millis(&mut self, around: u64) -> Millis {
        let value = match self.below(20) {
            0 => 0,
            1 => Millis::MAX.get(),
            2 => Millis::MAX.get() - self.below(1000),
            _ => around
                .saturating_add(self.below(900_000))
                .saturating_sub(self.below(1000)),
        };
        Millis::saturating_from(value)
    }
}

fn state(random: &mut Random, around: u64) -> MaintenanceState {
    let since = random.millis(around);
    match random.below(6) {
        0 => MaintenanceState::Active,
        1 => MaintenanceState::EnteringMaintenance {
            since,
            deadline: random
                .chance(70)
                .then(|| random.millis(around.saturating_add(600_000))),
        },
        2 => MaintenanceState::Maintenance { since },
        3 => MaintenanceState::ExitingMaintenance { since },
        4 => MaintenanceState::DrainFailed {
            since,
            reason: format!("reason {}", random.below(100)),
        },
        _ => MaintenanceState::Recovery { since },
    }
}

fn event(random: &mut Random, around: u64) -> Event {
    match random.below(10) {
        0 | 1 => Event::EnterMaintenance {
            drain_for_ms: random.chance(50).then(|| random.millis(0)),
        },
        2 | 3 => Event::ExitMaintenance {
            force: random.chance(40),
        },
        4 => Event::TransitionObserved {
            state: state(random, around),
        },
        _ => Event::Reconcile {
            conditions: Conditions {
                replicas_drained: random.chance(50),
                daemons_stopped: random.chance(50),
                daemons_healthy: random.chance(50),
                cluster_frozen: random.chance(10),
            },
        },
    }
}

fn config(random: &mut Random) -> Config {
    Config {
        profile: if random.chance(50) {
            Profile::Node
        } else {
            Profile::Strict
        },
        default_drain_for_ms: match random.below(4) {
            0 => None,
            1 => Some(Millis::saturating_from(random.below(1000))),
            _ => Some(Config::DEFAULT_DRAIN_FOR),
        },
        recovery_ramp_window_ms: match random.below(4) {
            0 => Millis::ZERO,
            1 => Millis::saturating_from(random.below(100_000)),
            _ => Config::DEFAULT_RECOVERY_RAMP_WINDOW,
        },
    }
}

/// FNV-1a (32-bit) over the messages, joined by newlines: the JS side
/// computes the same digest over the wasm build's messages.
fn digest<'a>(messages: impl Iterator<Item = &'a str>) -> u32 {
    let mut hash: u32 = 0x811C_9DC5;
    for (i, message) in messages.enumerate() {
        let separator: &[u8] = if i == 0 { b"" } else { b"\n" };
        for byte in separator.iter().chain(message.as_bytes()) {
            hash = (hash ^ u32::from(*byte)).wrapping_mul(0x0100_0193);
        }
    }
    hash
}

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn generate_histories() {
    let (seed, count) = (env("DIFF_SEED", 1), env("DIFF_COUNT", 100_000));
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/differential");
    std::fs::create_dir_all(&dir).expect("create target/differential");
    let file = std::fs::File::create(dir.join("histories.jsonl")).expect("create histories.jsonl");
    let mut out = BufWriter::new(file);
    let mut random = Random(seed);
    let mut entries_total = 0;
    for _ in 0..count {
        let mut now = random.below(10_000_000);
        let initial = state(&mut random, now);
        let config = config(&mut random);
        let length = random.below(16);
        let mut entries = Vec::new();
        for _ in 0..length {
            // Mostly forward in time, sometimes back (clock skew).
            now = if random.chance(90) {
                now.saturating_add(random.below(700_000))
            } else {
                now.saturating_sub(random.below(5_000))
            };
            entries.push(Entry {
                at: Millis::saturating_from(now),
                event: event(&mut random, now),
            });
        }
        entries_total += entries.len();
        let outcome = replay(&entries, initial.clone(), &config);
        let rejected: Vec<_> = outcome
            .rejected
            .iter()
            .map(|r| json!([r.index, r.verdict.code]))
            .collect();
        let expected = json!({
            "state": outcome.state,
            "applied": outcome.applied,
            "unchanged": outcome.unchanged,
            "rejected": rejected,
            "messages": digest(outcome.rejected.iter().map(|r| r.verdict.message.as_str())),
        });
        let line =
            json!({"initial": initial, "config": config, "entries": entries, "expected": expected});
        writeln!(out, "{line}").expect("write a history");
    }
    out.flush().expect("flush histories.jsonl");
    println!("native: wrote {count} histories ({entries_total} entries) from seed {seed}");
    assert!(count == 0 || entries_total > 0);
}

/// A file under `target/differential/`, buffered.
fn output(name: &str) -> BufWriter<std::fs::File> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/differential");
    std::fs::create_dir_all(&dir).expect("create target/differential");
    BufWriter::new(std::fs::File::create(dir.join(name)).expect("create an output file"))
}

/// A time at or next to `boundary` (one of the checks' edges), or anywhere.
fn near(random: &mut Random, boundary: u64) -> Millis {
    match random.below(8) {
        0 => Millis::saturating_from(boundary),
        1 => Millis::saturating_from(boundary.saturating_add(1)),
        2 => Millis::saturating_from(boundary.saturating_sub(1)),
        3 => Millis::saturating_from(boundary.saturating_add(random.below(1000))),
        4 => Millis::saturating_from(boundary.saturating_sub(random.below(1000))),
        5 => Millis::ZERO,
        6 => Millis::MAX,
        _ => random.millis(boundary.saturating_sub(450_000)),
    }
}

fn policy(random: &mut Random) -> Policy {
    let mut window = |default: Millis| match random.below(6) {
        0 => Millis::ZERO,
        1 => Millis::saturating_from(random.below(100)),
        2 => Millis::saturating_from(random.below(1_000_000)),
        3 => Millis::MAX,
        _ => default,
    };
    Policy {
        freshness_window_ms: window(Policy::DEFAULT_FRESHNESS_WINDOW),
        future_skew_ms: window(Policy::DEFAULT_FUTURE_SKEW),
    }
}

/// The policy argument: omitted, `{}`, or with each field given or left
/// to its default (given when it differs from it, sometimes when not).
fn policy_json(random: &mut Random, policy: &Policy) -> Option<Value> {
    let defaults = Policy::default();
    if *policy == defaults && random.chance(50) {
        return None;
    }
    let mut object = serde_json::Map::new();
    if policy.freshness_window_ms != defaults.freshness_window_ms || random.chance(30) {
        object.insert(
            "freshnessWindowMs".into(),
            json!(policy.freshness_window_ms),
        );
    }
    if policy.future_skew_ms != defaults.future_skew_ms || random.chance(30) {
        object.insert("futureSkewMs".into(), json!(policy.future_skew_ms));
    }
    Some(Value::Object(object))
}

fn action(random: &mut Random) -> OperatorAction {
    if random.chance(50) {
        OperatorAction::EnterMaintenance {
            drain_for_ms: random.chance(60).then(|| random.millis(0)),
        }
    } else {
        OperatorAction::ExitMaintenance {
            force: random.chance(40),
        }
    }
}

#[test]
fn generate_admissions() {
    let (seed, count) = (env("DIFF_SEED", 1), env("DIFF_COUNT", 100_000) / 2);
    let mut out = output("admissions.jsonl");
    let mut random = Random(seed ^ 0xAD);
    let mut stages = [0u64; 3];
    for _ in 0..count {
        let around = random.below(10_000_000);
        let now = random.millis(around);
        let state = state(&mut random, now.get().saturating_sub(500_000));
        let config = config(&mut random);
        let policy = policy(&mut random);
        let frozen_until = random.chance(60).then(|| near(&mut random, now.get()));
        let issued_at = random.chance(70).then(|| {
            // At the edges of the window or of the skew allowed.
            if random.chance(50) {
                near(
                    &mut random,
                    now.get().saturating_sub(policy.freshness_window_ms.get()),
                )
            } else {
                near(
                    &mut random,
                    now.get().saturating_add(policy.future_skew_ms.get()),
                )
            }
        });
        let request = AdmissionRequest {
            state: state.clone(),
            action: action(&mut random),
            frozen_until,
            issued_at,
            config,
        };
        let admission = admit(&request, now, &policy);
        stages[admission.stage as usize] += 1;
        let mut request_json = json!({
            "state": state,
            "event": Event::from(request.action),
        });
        // Omitted, null, or a time; the config omitted when it is the default.
        match frozen_until {
            Some(until) => request_json["frozenUntil"] = json!(until),
            None if random.chance(50) => request_json["frozenUntil"] = Value::Null,
            None => {}
        }
        if let Some(issued_at) = issued_at {
            request_json["issuedAt"] = json!(issued_at);
        }
        if config != Config::default() || random.chance(50) {
            request_json["config"] = json!(config);
        }
        let allowed =
            Machine::new(state.clone(), config).allowed_actions_frozen_until(now, frozen_until);
        let expected = json!({
            "outcome": admission.verdict.outcome,
            "stage": admission.stage,
            "code": admission.verdict.code,
            "to": admission.verdict.to,
            "message": digest(std::iter::once(admission.verdict.message.as_str())),
            "allowed": allowed,
        });
        let mut line = json!({"request": request_json, "now": now, "expected": expected});
        if let Some(policy) = policy_json(&mut random, &policy) {
            line["policy"] = policy;
        }
        writeln!(out, "{line}").expect("write an admission");
    }
    out.flush().expect("flush admissions.jsonl");
    println!(
        "native: wrote {count} admissions from seed {seed} (freeze {}, freshness {}, rules {})",
        stages[0], stages[1], stages[2]
    );
    // The boundaries are reached: every stage decides some of them.
    assert!(
        count < 1000 || stages.iter().all(|n| *n > count / 20),
        "{stages:?}"
    );
}

/// An error as the JS side sees it: code, path and a digest of the message.
fn error_json(error: &InputError) -> Value {
    json!({
        "error": error.code(),
        "path": error.path(),
        "message": digest(std::iter::once(error.message())),
    })
}

/// A malformed variant of a view in `dialect`'s JSON: one field removed,
/// replaced or added, or the kind changed.
fn mutate_view(random: &mut Random, view: &Value) -> Value {
    let bad_values = [
        json!(-1),
        json!(1.5),
        json!(9_007_199_254_740_992u64),
        // Not 2^64 - 1: JSON.parse would round it, and the messages would
        // quote different numbers for reasons outside the module.
        json!(1e21),
        json!(-0.0),
        json!("5"),
        json!(null),
        json!(true),
        json!([]),
        json!({}),
        json!("Unknown"),
        json!("x".repeat(100)),
    ];
    let bad = bad_values[random.below(bad_values.len() as u64) as usize].clone();
    let mut view = view.clone();
    // The object whose members are the fields (inside the tag for "snapshot").
    let inner = match &mut view {
        Value::Object(members) if !members.contains_key("kind") => members
            .values_mut()
            .next()
            .expect("a snapshot view has one member"),
        Value::String(_) => {
            return [
                json!("active"),
                json!({"Active": {}}),
                json!("Unknown"),
                bad,
            ][random.below(4) as usize]
                .clone()
        }
        other => other,
    };
    let Value::Object(members) = inner else {
        return bad;
    };
    let keys: Vec<String> = members.keys().cloned().collect();
    match random.below(4) {
        0 if !keys.is_empty() => {
            let key = &keys[random.below(keys.len() as u64) as usize];
            members.remove(key);
        }
        1 if !keys.is_empty() => {
            let key = &keys[random.below(keys.len() as u64) as usize];
            members.insert(key.clone(), bad);
        }
        2 => {
            let extra = ["extra", "sinceMs", "since_ms", "deadline", "reason", "kind"];
            members.insert(extra[random.below(6) as usize].into(), json!(1));
        }
        _ => return bad,
    }
    view
}

#[test]
fn generate_views() {
    let (seed, count) = (env("DIFF_SEED", 1), env("DIFF_COUNT", 100_000) / 2);
    let mut out = output("views.jsonl");
    let mut random = Random(seed ^ 0x7E);
    let (mut malformed, mut refused) = (0, 0);
    for _ in 0..count {
        let dialect = Dialect::ALL[random.below(3) as usize];
        let around = random.below(10_000_000);
        let now = random.millis(around);
        // States from before and after `now`, deadlines passed or not.
        let state = state(&mut random, now.get().saturating_sub(600_000));
        let view = to_view(&state, now);
        let encoded = serde_json::to_value(view.encode(dialect)).expect("a view encodes");
        let observed_at = if random.chance(50) {
            now
        } else {
            random.millis(now.get())
        };
        let mut line = json!({
            "state": state,
            "now": now,
            "dialect": dialect.name(),
            "observedAt": observed_at,
            "expected": {
                "view": encoded,
                "back": from_view(&view, observed_at),
            },
        });
        // `fromView(toView(s, t, d), t, d) == s` on the SPEC's domain.
        let in_domain = state.since().map_or(true, |since| since <= now)
            && !matches!(state, MaintenanceState::EnteringMaintenance { deadline: Some(d), .. } if d < now);
        if in_domain {
            assert_eq!(from_view(&view, now), state, "round trip at {now:?}");
        }
        if random.chance(25) {
            malformed += 1;
            let bad = mutate_view(&mut random, &encoded);
            let dialect_json = json!(dialect.name());
            let answer = api::from_view(
                &Some(&bad),
                &Some(&json!(observed_at)),
                &Some(&dialect_json),
            );
            let answer = match answer {
                Ok(state) => json!({"ok": state}),
                Err(error) => {
                    refused += 1;
                    error_json(&error)
                }
            };
            line["malformed"] = json!({"view": bad, "expected": answer});
        }
        writeln!(out, "{line}").expect("write a view");
    }
    out.flush().expect("flush views.jsonl");
    println!("native: wrote {count} views from seed {seed} ({malformed} mutated, {refused} of them refused)");
    assert!(count < 1000 || refused > malformed / 2);
}

/// A node id at the edges of postcard's varints, or anywhere in a u64.
fn node_id(random: &mut Random) -> u64 {
    match random.below(8) {
        0 => [0, 1, 127, 128, 16_383, 16_384, (1 << 53) - 1, 1 << 53][random.below(8) as usize],
        1 => u64::MAX - random.below(3),
        2 => 1u64 << random.below(64),
        3 => (1u64 << random.below(64)).wrapping_sub(1),
        4 => random.below(1000),
        _ => random.next(),
    }
}

fn command(random: &mut Random) -> AdminCommand {
    let node = node_id(random);
    if random.chance(60) {
        let drain_for_ms = random.chance(70).then(|| match random.below(5) {
            0 => Millis::saturating_from(random.below(1000)),
            1 => Millis::saturating_from(random.below(100_000)),
            2 => Millis::MAX,
            3 => Millis::saturating_from(random.below(1000) * 1000),
            _ => random.millis(0),
        });
        AdminCommand::EnterMaintenance { node, drain_for_ms }
    } else {
        AdminCommand::ExitMaintenance { node }
    }
}

/// The JSON of a command; the node id as a decimal string (the JS side
/// also passes it as a bigint).
fn command_json(random: &mut Random, command: &AdminCommand) -> Value {
    match *command {
        AdminCommand::EnterMaintenance { node, drain_for_ms } => {
            let mut object = json!({"type": "EnterMaintenance", "node": node.to_string()});
            match drain_for_ms {
                Some(window) => object["drainForMs"] = json!(window),
                None if random.chance(50) => object["drainForMs"] = Value::Null,
                None => {}
            }
            object
        }
        AdminCommand::ExitMaintenance { node } => {
            json!({"type": "ExitMaintenance", "node": node.to_string()})
        }
    }
}

/// Base64url, unpadded or padded.
fn base64url(bytes: &[u8], padded: bool) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut text = String::new();
    for chunk in bytes.chunks(3) {
        let mut buffer = [0u8; 3];
        buffer[..chunk.len()].copy_from_slice(chunk);
        let n = (u32::from(buffer[0]) << 16) | (u32::from(buffer[1]) << 8) | u32::from(buffer[2]);
        for i in 0..=chunk.len() {
            text.push(ALPHABET[(n >> (18 - 6 * i)) as usize & 63] as char);
        }
        if padded {
            text.push_str(&"=".repeat(3 - chunk.len()));
        }
    }
    text
}

fn encode_bytes(random: &mut Random, bytes: &[u8]) -> String {
    match random.below(3) {
        0 => hex(bytes),
        1 => base64url(bytes, false),
        _ => base64url(bytes, true),
    }
}

fn verdict_digest(verification: &Verification) -> u32 {
    match verification {
        Verification::Decided(verdict) => digest(std::iter::once(verdict.message())),
        Verification::Check { valid, invalid, .. } => {
            digest([valid.message(), invalid.message()].into_iter())
        }
    }
}

#[test]
fn generate_payloads() {
    let (seed, count) = (env("DIFF_SEED", 1), env("DIFF_COUNT", 100_000) / 2);
    let mut out = output("payloads.jsonl");
    let mut random = Random(seed ^ 0x516);
    let mut checks = 0;
    for _ in 0..count {
        let command = command(&mut random);
        let around = random.below(10_000_000);
        let issued_at = random.millis(around);
        let payload = admin_signing_payload(&command, issued_at);
        let mut line = json!({
            "command": command_json(&mut random, &command),
            "issuedAt": issued_at,
            "expected": hex(&payload),
        });
        if random.chance(50) {
            // A signed commit of the same command, checked at `now`.
            let policy = policy(&mut random);
            let now = match random.below(4) {
                // Fresh under the default policy, or at either edge of this one.
                0 | 1 => Millis::saturating_from(
                    issued_at
                        .get()
                        .saturating_add(random.below(300_000))
                        .saturating_sub(random.below(30_000)),
                ),
                2 => near(
                    &mut random,
                    issued_at
                        .get()
                        .saturating_add(policy.freshness_window_ms.get()),
                ),
                _ => near(
                    &mut random,
                    issued_at.get().saturating_sub(policy.future_skew_ms.get()),
                ),
            };
            let operators = random.below(4);
            let mut registry = OperatorRegistry::default();
            let mut registry_json = serde_json::Map::new();
            for _ in 0..operators {
                let id = node_id(&mut random);
                let key: [u8; 32] = std::array::from_fn(|_| random.next() as u8);
                registry.insert(id, key);
                registry_json.insert(id.to_string(), json!(encode_bytes(&mut random, &key)));
            }
            let operator_id = match registry_json.keys().next() {
                Some(id) if random.chance(80) => id.parse().expect("a decimal id"),
                _ => node_id(&mut random),
            };
            let length = [64, 64, 64, 64, 64, 64, 0, 1, 63, 65, 128][random.below(11) as usize];
            let signature: Vec<u8> = (0..length).map(|_| random.next() as u8).collect();
            let commit = SignedCommit {
                command,
                issued_at,
                operator_id,
                signature: signature.clone(),
            };
            let verification = prepare_verification(&commit, now, &policy, &registry);
            let expected = match &verification {
                Verification::Decided(verdict) => json!({"verdict": verdict}),
                Verification::Check {
                    public_key,
                    payload: signed,
                    signature,
                    valid,
                    invalid,
                } => {
                    checks += 1;
                    assert_eq!(
                        *signed, payload,
                        "the bytes checked are the signing payload"
                    );
                    json!({
                        "publicKey": hex(public_key),
                        "payload": hex(signed),
                        "signature": hex(signature),
                        "valid": valid,
                        "invalid": invalid,
                    })
                }
            };
            let mut commit_line = json!({
                "signature": encode_bytes(&mut random, &signature),
                "operatorId": operator_id.to_string(),
                "now": now,
                "registry": registry_json,
                "expected": expected,
                "messages": verdict_digest(&verification),
            });
            if let Some(policy) = policy_json(&mut random, &policy) {
                commit_line["policy"] = policy;
            }
            line["commit"] = commit_line;
        }
        writeln!(out, "{line}").expect("write a payload");
    }
    out.flush().expect("flush payloads.jsonl");
    println!("native: wrote {count} payloads from seed {seed} ({checks} commits up to the signature check)");
    assert!(count < 1000 || checks > count / 20);
}
