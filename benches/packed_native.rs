//! Native timing of the packed replay core (no JS boundary): how fast the
//! rules themselves go. `cargo bench --bench packed_native`.
use std::time::Instant;

use mesh_maintenance::packed::PackedReplay;
use mesh_maintenance::{Config, MaintenanceState};

fn main() {
    sizes();
    decide_only();
    let n = 10_000_000;
    let cycle = [(0u8, f64::NAN), (3, 3.0), (1, 0.0), (3, 4.0), (3, 0.0)];
    let mut kinds = Vec::with_capacity(n);
    let mut at = Vec::with_capacity(n);
    let mut params = Vec::with_capacity(n);
    for i in 0..n {
        let (kind, param) = cycle[i % cycle.len()];
        kinds.push(kind);
        params.push(param);
        at.push((i as f64) * 400_000.0);
    }
    for _ in 0..3 {
        let start = Instant::now();
        let mut replay = PackedReplay::new(MaintenanceState::Active, Config::default());
        for ((k, a), p) in kinds
            .chunks(16384)
            .zip(at.chunks(16384))
            .zip(params.chunks(16384))
        {
            replay.push(k, a, p).expect("valid chain");
        }
        let outcome = replay.finish();
        let elapsed = start.elapsed();
        println!(
            "native packed replay of {n}: {:.1} ms, {:.1} M entries/s ({} applied, {} rejected)",
            elapsed.as_secs_f64() * 1e3,
            n as f64 / elapsed.as_secs_f64() / 1e6,
            outcome.applied,
            outcome.rejected.len()
        );
    }
}

#[allow(dead_code)]
fn sizes() {
    println!(
        "sizes: state {} event {} decision {}",
        std::mem::size_of::<MaintenanceState>(),
        std::mem::size_of::<mesh_maintenance::Event>(),
        std::mem::size_of::<mesh_maintenance::Decision>()
    );
}

#[allow(dead_code)]
fn decide_only() {
    use mesh_maintenance::{decide, Conditions, Event, Millis, Outcome};
    let events = [
        Event::EnterMaintenance { drain_for_ms: None },
        Event::Reconcile {
            conditions: Conditions {
                replicas_drained: true,
                daemons_stopped: true,
                daemons_healthy: false,
            },
        },
        Event::ExitMaintenance { force: false },
        Event::Reconcile {
            conditions: Conditions {
                replicas_drained: false,
                daemons_stopped: false,
                daemons_healthy: true,
            },
        },
        Event::Reconcile {
            conditions: Conditions::default(),
        },
    ];
    let config = Config::default();
    let n = 10_000_000u64;
    let start = Instant::now();
    let mut state = MaintenanceState::Active;
    let mut applied = 0u64;
    for i in 0..n {
        let event = &events[(i % 5) as usize];
        let decision = decide(&state, event, Millis::new(i * 400_000).unwrap(), &config);
        if decision.outcome == Outcome::Applied {
            applied += 1;
            state = decision.to.unwrap();
        }
    }
    let elapsed = start.elapsed();
    println!(
        "decide only: {:.1} M/s ({applied})",
        n as f64 / elapsed.as_secs_f64() / 1e6
    );
}
