//! Any JSON as the arguments of `fromView` and `toView`, in the dialect it
//! names and in each of the three: decoding never panics; an error names a
//! path under the argument at fault and its message starts with that path;
//! a decoded view's state, written back in any dialect, reads back as the
//! same state (through the same strict decoder), and `toView` writes a view
//! `fromView` reads back at the same time.
#![no_main]

mod common;

use common::{check, Arguments};
use libfuzzer_sys::fuzz_target;
use mesh_maintenance::json::Json;
use mesh_maintenance::{api, to_view, Dialect};
use serde_json::{json, Value};

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let args = Arguments::of(&value);
    let arg = |i: usize| args.get(i);
    let dialects: Vec<Value> = Dialect::ALL.iter().map(|d| json!(d.name())).collect();
    let mut given: Vec<Json<'_>> = vec![arg(2)];
    given.extend(dialects.iter().map(Some));

    for dialect in &given {
        let read = api::from_view(&arg(0), &arg(1), dialect);
        check(&read, &["view", "observedAt", "dialect"]);
        let written = api::to_view(&arg(0), &arg(1), dialect);
        check(&written, &["state", "now", "dialect"]);

        if let Ok(state) = &read {
            // The observation time, decoded: the read succeeded, so it is one.
            let observed_at = mesh_maintenance::api::timestamp(&arg(1)).expect("decoded once");
            for d in Dialect::ALL {
                let encoded = serde_json::to_value(to_view(state, observed_at).encode(d)).unwrap();
                let name = json!(d.name());
                let again = api::from_view(&Some(&encoded), &arg(1), &Some(&name));
                assert_eq!(again.as_ref().ok(), Some(state), "{d:?}: {encoded}");
            }
        }
        if let Ok(view) = &written {
            // `toView(s, t, d)` read back at `t`: `s` whenever `s` is in the
            // SPEC's domain at `t`; always a valid view.
            let encoded = serde_json::to_value(view).unwrap();
            let back = api::from_view(&Some(&encoded), &arg(1), dialect);
            let back =
                back.unwrap_or_else(|e| panic!("toView wrote {encoded}, fromView refused it: {e}"));
            let state = api::state(&arg(0)).expect("decoded once");
            let now = api::timestamp(&arg(1)).expect("decoded once");
            let in_domain = state.since().is_none_or(|since| since <= now)
                && !matches!(state, mesh_maintenance::MaintenanceState::EnteringMaintenance { deadline: Some(d), .. } if d < now);
            if in_domain {
                assert_eq!(back, state, "round trip through {encoded}");
            }
        }
    }
});
