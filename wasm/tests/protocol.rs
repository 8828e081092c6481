//! `js/protocol.js` is generated from `src/protocol.rs`: any drift between
//! the two (a kind added, a field reordered, a bit moved) fails here.
#![cfg(not(target_arch = "wasm32"))]

#[test]
fn protocol_js_is_generated_from_the_table() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/js/protocol.js");
    let committed = std::fs::read_to_string(path).expect("wasm/js/protocol.js exists");
    let generated = mesh_maintenance_wasm::protocol::javascript();
    assert!(
        committed == generated,
        "wasm/js/protocol.js is stale: run `cargo run -p mesh-maintenance-wasm --example protocol > wasm/js/protocol.js`"
    );
}
