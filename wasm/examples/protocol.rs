//! Prints `wasm/js/protocol.js`, the JavaScript side of the boundary table:
//! `cargo run -p mesh-maintenance-wasm --example protocol > wasm/js/protocol.js`.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    print!("{}", mesh_maintenance_wasm::protocol::javascript());
}

#[cfg(target_arch = "wasm32")]
fn main() {}
