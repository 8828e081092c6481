//! Per-deployment tuning, with the nodes' defaults.

use serde::{Deserialize, Deserializer, Serialize};

use crate::time::Millis;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Config {
    /// Drain window used when `EnterMaintenance` names none; `None` means a
    /// drain without deadline. Default: 10 minutes.
    pub default_drain_for_ms: Option<Millis>,
    /// How long `Recovery` lasts before the node is `Active` again.
    /// Default: 5 minutes.
    pub recovery_ramp_window_ms: Millis,
}

impl Config {
    pub const DEFAULT_DRAIN_FOR: Millis = Millis::saturating_from(600_000);
    pub const DEFAULT_RECOVERY_RAMP_WINDOW: Millis = Millis::saturating_from(300_000);
}

impl Default for Config {
    fn default() -> Config {
        Config {
            default_drain_for_ms: Some(Config::DEFAULT_DRAIN_FOR),
            recovery_ramp_window_ms: Config::DEFAULT_RECOVERY_RAMP_WINDOW,
        }
    }
}

impl<'de> Deserialize<'de> for Config {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::decode::deserialize_via(deserializer, "config", |v, p| crate::decode::config(v, p))
    }
}
