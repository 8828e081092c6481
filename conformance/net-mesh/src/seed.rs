//! The suite against the release the seed describes (`net_seed`).

use net_seed as net;

#[path = "suite/mod.rs"]
mod suite;

pub use suite::run;

/// This mount's dependency name in `Cargo.toml`.
pub const ALIAS: &str = "net_seed";
