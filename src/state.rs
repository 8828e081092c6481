//! The six maintenance states and the successor table between them.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

use crate::time::Millis;

/// The longest `DrainFailed` reason, in UTF-8 bytes.
pub const MAX_REASON_BYTES: usize = 4096;

/// A node's maintenance state. Its JSON form is the SPEC's: a union tagged by
/// `kind`, with camelCase fields.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind")]
pub enum MaintenanceState {
    #[default]
    Active,
    #[serde(rename_all = "camelCase")]
    EnteringMaintenance {
        since: Millis,
        /// `None`: the drain may take as long as it takes.
        deadline: Option<Millis>,
    },
    Maintenance {
        since: Millis,
    },
    ExitingMaintenance {
        since: Millis,
    },
    /// The drain missed its deadline; only a forced exit leaves it.
    DrainFailed {
        since: Millis,
        /// At most [`MAX_REASON_BYTES`] UTF-8 bytes.
        reason: String,
    },
    Recovery {
        since: Millis,
    },
}

/// The kind of a [`MaintenanceState`], without its fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StateKind {
    Active,
    EnteringMaintenance,
    Maintenance,
    ExitingMaintenance,
    DrainFailed,
    Recovery,
}

impl StateKind {
    pub const ALL: [StateKind; 6] = [
        StateKind::Active,
        StateKind::EnteringMaintenance,
        StateKind::Maintenance,
        StateKind::ExitingMaintenance,
        StateKind::DrainFailed,
        StateKind::Recovery,
    ];

    /// Every `kind` string, in the order of [`StateKind::ALL`]. A static, so
    /// decoders can cache per-list lookups by its address.
    pub const NAMES: &'static [&'static str; 6] = &NAMES_STATEKIND;

    /// The `kind` string of the JSON form.
    pub const fn name(self) -> &'static str {
        match self {
            StateKind::Active => "Active",
            StateKind::EnteringMaintenance => "EnteringMaintenance",
            StateKind::Maintenance => "Maintenance",
            StateKind::ExitingMaintenance => "ExitingMaintenance",
            StateKind::DrainFailed => "DrainFailed",
            StateKind::Recovery => "Recovery",
        }
    }

    pub fn from_name(name: &str) -> Option<StateKind> {
        StateKind::ALL.into_iter().find(|kind| kind.name() == name)
    }

    /// Progress through the cycle. `ExitingMaintenance` and `DrainFailed`
    /// share rank 3: neither is "further along" than the other.
    pub const fn rank(self) -> u8 {
        match self {
            StateKind::Active => 0,
            StateKind::EnteringMaintenance => 1,
            StateKind::Maintenance => 2,
            StateKind::ExitingMaintenance | StateKind::DrainFailed => 3,
            StateKind::Recovery => 4,
        }
    }

    /// The strict successor table: the same kind (a re-published state) or
    /// one of the eight arcs. In particular `ExitingMaintenance → DrainFailed`
    /// is refused, so a late `DrainFailed` observation can never undo an
    /// operator's forced exit.
    pub const fn is_valid_successor(self, to: StateKind) -> bool {
        use StateKind::*;
        matches!(
            (self, to),
            (Active, Active)
                | (EnteringMaintenance, EnteringMaintenance)
                | (Maintenance, Maintenance)
                | (ExitingMaintenance, ExitingMaintenance)
                | (DrainFailed, DrainFailed)
                | (Recovery, Recovery)
                | (Active, EnteringMaintenance)
                | (EnteringMaintenance, Maintenance)
                | (EnteringMaintenance, DrainFailed)
                | (Maintenance, ExitingMaintenance)
                | (Maintenance, DrainFailed)
                | (ExitingMaintenance, Recovery)
                | (DrainFailed, ExitingMaintenance)
                | (Recovery, Active)
        )
    }
}

impl fmt::Display for StateKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl MaintenanceState {
    pub const fn kind(&self) -> StateKind {
        match self {
            MaintenanceState::Active => StateKind::Active,
            MaintenanceState::EnteringMaintenance { .. } => StateKind::EnteringMaintenance,
            MaintenanceState::Maintenance { .. } => StateKind::Maintenance,
            MaintenanceState::ExitingMaintenance { .. } => StateKind::ExitingMaintenance,
            MaintenanceState::DrainFailed { .. } => StateKind::DrainFailed,
            MaintenanceState::Recovery { .. } => StateKind::Recovery,
        }
    }

    pub const fn rank(&self) -> u8 {
        self.kind().rank()
    }

    /// Any state but `Active`.
    pub const fn is_non_active(&self) -> bool {
        !matches!(self, MaintenanceState::Active)
    }

    /// Exactly `Maintenance`: drained and stopped, safe to work on.
    pub const fn is_steady_maintenance(&self) -> bool {
        matches!(self, MaintenanceState::Maintenance { .. })
    }

    /// When the node entered this state; `None` for `Active`.
    pub const fn since(&self) -> Option<Millis> {
        match self {
            MaintenanceState::Active => None,
            MaintenanceState::EnteringMaintenance { since, .. }
            | MaintenanceState::Maintenance { since }
            | MaintenanceState::ExitingMaintenance { since }
            | MaintenanceState::DrainFailed { since, .. }
            | MaintenanceState::Recovery { since } => Some(*since),
        }
    }
}

/// Whether `to` may follow `from`: same kind whatever the fields (replay
/// tolerance), or one of the eight arcs of the cycle.
pub fn is_valid_successor(from: &MaintenanceState, to: &MaintenanceState) -> bool {
    from.kind().is_valid_successor(to.kind())
}

impl<'de> Deserialize<'de> for MaintenanceState {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::decode::deserialize_via(deserializer, "state", |v, p| crate::decode::state(v, p))
    }
}

static NAMES_STATEKIND: [&str; 6] = {
    let mut names = [""; 6];
    let mut i = 0;
    while i < 6 {
        #[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)] // const, in bounds
        {
            names[i] = StateKind::ALL[i].name();
            i += 1;
        }
    }
    names
};

#[cfg(test)]
mod tests {
    use super::*;
    use StateKind::*;

    #[test]
    fn exactly_eight_arcs_besides_self_loops() {
        let arcs: Vec<_> = StateKind::ALL
            .into_iter()
            .flat_map(|from| StateKind::ALL.into_iter().map(move |to| (from, to)))
            .filter(|(from, to)| from != to && from.is_valid_successor(*to))
            .collect();
        assert_eq!(
            arcs,
            vec![
                (Active, EnteringMaintenance),
                (EnteringMaintenance, Maintenance),
                (EnteringMaintenance, DrainFailed),
                (Maintenance, ExitingMaintenance),
                (Maintenance, DrainFailed),
                (ExitingMaintenance, Recovery),
                (DrainFailed, ExitingMaintenance),
                (Recovery, Active),
            ]
        );
        assert!(StateKind::ALL.into_iter().all(|k| k.is_valid_successor(k)));
    }

    #[test]
    fn names_round_trip() {
        for kind in StateKind::ALL {
            assert_eq!(StateKind::from_name(kind.name()), Some(kind));
        }
        assert_eq!(StateKind::from_name("active"), None);
    }

    #[test]
    fn json_shape_is_the_specs() {
        let state = MaintenanceState::EnteringMaintenance {
            since: Millis::ZERO,
            deadline: None,
        };
        assert_eq!(
            serde_json::to_string(&state).unwrap(),
            r#"{"kind":"EnteringMaintenance","since":0,"deadline":null}"#
        );
        assert_eq!(
            serde_json::to_string(&MaintenanceState::Active).unwrap(),
            r#"{"kind":"Active"}"#
        );
        let back: MaintenanceState =
            serde_json::from_str(r#"{"kind":"EnteringMaintenance","since":0}"#).unwrap();
        assert_eq!(back, state);
        let err = serde_json::from_str::<MaintenanceState>(r#"{"kind":"Active","since":1}"#)
            .unwrap_err()
            .to_string();
        assert!(err.contains("state.since"), "{err}");
    }
}
