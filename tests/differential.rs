//! The native half of the cross-build differential test: random histories
//! from a fixed seed, each with what the native build makes of it, written
//! to `target/differential/histories.jsonl` for `tests/js/differential.test.mjs`
//! to replay through the wasm build. `DIFF_SEED` and `DIFF_COUNT` (defaults
//! 1 and 100000) make a longer run one variable away.
#![cfg(not(target_arch = "wasm32"))]

use std::io::{BufWriter, Write};
use std::path::Path;

use mesh_maintenance::{
    replay, Conditions, Config, Entry, Event, MaintenanceState, Millis, Profile,
};
use serde_json::json;

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
