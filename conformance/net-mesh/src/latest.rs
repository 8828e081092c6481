//! The suite against the latest release we claim (`net_latest`).

use net_latest as net;

#[path = "suite/mod.rs"]
mod suite;

pub use suite::run;

/// This mount's dependency name in `Cargo.toml`.
pub const ALIAS: &str = "net_latest";
