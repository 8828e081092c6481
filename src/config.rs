//! Per-deployment tuning, with the nodes' defaults, and the rule profile.

use serde::Serialize;

use crate::time::Millis;

/// Which reading of the operator commands to apply (SPEC section 8).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Profile {
    /// The documented design: enter only from `Active`, `force` to leave
    /// `DrainFailed`, a default drain window.
    #[default]
    Strict,
    /// What net-mesh nodes do today: `EnterMaintenance` from any state
    /// restarts the drain, an exit from `Maintenance` or `DrainFailed` always
    /// goes through and is ignored elsewhere, and no default drain window.
    Node,
}

impl Profile {
    pub const ALL: [Profile; 2] = [Profile::Strict, Profile::Node];
    /// Every `profile` string, in the order of [`Profile::ALL`]. A static, so
    /// decoders can cache per-list lookups by its address.
    pub const NAMES: &'static [&'static str; 2] = &PROFILE_NAMES;

    pub const fn name(self) -> &'static str {
        match self {
            Profile::Strict => "strict",
            Profile::Node => "node",
        }
    }

    /// The profile's code: its position in [`Profile::ALL`].
    pub const fn code(self) -> u8 {
        match self {
            Profile::Strict => 0,
            Profile::Node => 1,
        }
    }

    /// The drain window `EnterMaintenance` uses when it names none: 10
    /// minutes under `Strict`; none under `Node` (the nodes' code applies
    /// `drain_for` as given, whatever their comments say).
    pub const fn default_drain_for_ms(self) -> Option<Millis> {
        match self {
            Profile::Strict => Some(Config::DEFAULT_DRAIN_FOR),
            Profile::Node => None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Config {
    pub profile: Profile,
    /// Drain window used when `EnterMaintenance` names none; `None` means a
    /// drain without deadline. Default: the profile's.
    pub default_drain_for_ms: Option<Millis>,
    /// How long `Recovery` lasts before the node is `Active` again.
    /// Default: 5 minutes.
    pub recovery_ramp_window_ms: Millis,
}

impl Config {
    pub const DEFAULT_DRAIN_FOR: Millis = Millis::saturating_from(600_000);
    pub const DEFAULT_RECOVERY_RAMP_WINDOW: Millis = Millis::saturating_from(300_000);

    /// The defaults of `profile`.
    pub const fn for_profile(profile: Profile) -> Config {
        Config {
            profile,
            default_drain_for_ms: profile.default_drain_for_ms(),
            recovery_ramp_window_ms: Config::DEFAULT_RECOVERY_RAMP_WINDOW,
        }
    }

    /// The nodes' reading of the rules, with their defaults.
    pub const fn node() -> Config {
        Config::for_profile(Profile::Node)
    }
}

impl Default for Config {
    fn default() -> Config {
        Config::for_profile(Profile::Strict)
    }
}

static PROFILE_NAMES: [&str; 2] = [Profile::Strict.name(), Profile::Node.name()];
