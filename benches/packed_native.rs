//! Native timing of the packed replay core (no JS boundary): how fast the
//! rules themselves go. `cargo bench --bench packed_native`.
use std::time::Instant;

use mesh_maintenance::packed::PackedReplay;
use mesh_maintenance::{Config, MaintenanceState};

fn main() {
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
