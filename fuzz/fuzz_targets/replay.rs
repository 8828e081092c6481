//! Arbitrary bytes as a packed chain (codes, times, parameters, including
//! NaN and values past the domain): the packed replay never panics, and when
//! it accepts the chain, the object replay of the same events agrees.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mesh_maintenance::packed::{self, PackedReplay};
use mesh_maintenance::{replay, Config, Entry, MaintenanceState};

fn float(bytes: &[u8]) -> f64 {
    let mut raw = [0u8; 8];
    raw[..bytes.len()].copy_from_slice(bytes);
    match raw[0] % 4 {
        // Mostly small integers, so chains get far into the cycle.
        0 | 1 => f64::from(u32::from_le_bytes([raw[1], raw[2], raw[3], 0])),
        2 => f64::NAN,
        _ => f64::from_le_bytes(raw),
    }
}

fuzz_target!(|data: &[u8]| {
    let (mut codes, mut at, mut params) = (Vec::new(), Vec::new(), Vec::new());
    let mut now = 0.0;
    for chunk in data.chunks(10) {
        let code = chunk[0] % 16;
        now += f64::from(*chunk.get(1).unwrap_or(&0)) * 10_000.0;
        let param = float(chunk.get(2..).unwrap_or(&[]));
        codes.push(code);
        at.push(if chunk.len() % 7 == 0 { param } else { now });
        params.push(if code == packed::RECONCILE {
            f64::from(chunk.get(2).copied().unwrap_or(0) % 9)
        } else {
            param
        });
    }
    let config = Config::default();
    let mut columns = PackedReplay::new(MaintenanceState::Active, config);
    if columns.push(&codes, &at, &params).is_err() {
        return;
    }
    let outcome = columns.finish();
    let entries: Vec<Entry> = codes
        .iter()
        .zip(&at)
        .zip(&params)
        .enumerate()
        .map(|(index, ((code, at), param))| {
            packed::entry(*code, *at, *param, index).expect("accepted by the packed replay")
        })
        .collect();
    let objects = replay(&entries, MaintenanceState::Active, &config);
    assert_eq!(outcome.state, objects.state);
    assert_eq!(outcome.applied, objects.applied);
    assert_eq!(outcome.unchanged, objects.unchanged);
    let indices: Vec<u32> = objects.rejected.iter().map(|r| r.index as u32).collect();
    assert_eq!(outcome.rejected, indices);
});
