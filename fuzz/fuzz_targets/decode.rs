//! Any JSON, handed to every decoder of the API as any argument: decoding
//! never panics, and whatever decodes re-encodes to JSON that decodes to the
//! same value.
#![no_main]

mod common;

use common::Arguments;
use libfuzzer_sys::fuzz_target;
use mesh_maintenance::{api, Config, Entry, Event, MaintenanceState};
use serde_json::Value;

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let args = Arguments::of(&value);
    let arg = |i: usize| args.get(i);
    let _ = api::transition(&arg(0), &arg(1), &arg(2), &arg(3));
    let _ = api::reconcile(&arg(0), &arg(1), &arg(2), &arg(3));
    let _ = api::is_valid_successor(&arg(0), &arg(1));
    let _ = api::replay(&arg(0), &arg(1));
    let _ = api::machine(&arg(0));
    let _ = api::event_at(&arg(0), &arg(1));
    if let Ok(state) = serde_json::from_value::<MaintenanceState>(value.clone()) {
        let again: MaintenanceState =
            serde_json::from_str(&serde_json::to_string(&state).unwrap()).unwrap();
        assert_eq!(again, state);
    }
    if let Ok(event) = serde_json::from_value::<Event>(value.clone()) {
        let again: Event = serde_json::from_str(&serde_json::to_string(&event).unwrap()).unwrap();
        assert_eq!(again, event);
    }
    if let Ok(config) = serde_json::from_value::<Config>(value.clone()) {
        let again: Config = serde_json::from_str(&serde_json::to_string(&config).unwrap()).unwrap();
        assert_eq!(again, config);
    }
    if let Ok(entries) = serde_json::from_value::<Vec<Entry>>(value) {
        let again: Vec<Entry> =
            serde_json::from_str(&serde_json::to_string(&entries).unwrap()).unwrap();
        assert_eq!(again, entries);
    }
});
