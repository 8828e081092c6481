//! The six maintenance states and the successor table between them.

use alloc::string::String;
use core::fmt;

use serde::Serialize;

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

/// The kind of a [`MaintenanceState`], without its fields. Its position in
/// [`StateKind::ALL`] is its code in every numeric form (packed columns,
/// the JavaScript boundary).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StateKind {
    Active,
    EnteringMaintenance,
    Maintenance,
    ExitingMaintenance,
    DrainFailed,
    Recovery,
}

/// A field a state may carry besides its `kind`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StateField {
    Since,
    Deadline,
    Reason,
}

impl StateField {
    /// The field's name in the SPEC's JSON form.
    pub const fn name(self) -> &'static str {
        match self {
            StateField::Since => "since",
            StateField::Deadline => "deadline",
            StateField::Reason => "reason",
        }
    }
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
    pub const NAMES: &'static [&'static str; 6] = &STATE_KIND_NAMES;

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

    /// The kind's code: its position in [`StateKind::ALL`].
    pub const fn code(self) -> u8 {
        match self {
            StateKind::Active => 0,
            StateKind::EnteringMaintenance => 1,
            StateKind::Maintenance => 2,
            StateKind::ExitingMaintenance => 3,
            StateKind::DrainFailed => 4,
            StateKind::Recovery => 5,
        }
    }

    pub fn from_code(code: u8) -> Option<StateKind> {
        StateKind::ALL.get(usize::from(code)).copied()
    }

    pub fn from_name(name: &str) -> Option<StateKind> {
        StateKind::ALL.into_iter().find(|kind| kind.name() == name)
    }

    /// The fields a state of this kind carries besides `kind`, in JSON
    /// order: the one table the decoders, the encoders and the views read.
    pub const fn fields(self) -> &'static [StateField] {
        match self {
            StateKind::Active => &[],
            StateKind::EnteringMaintenance => &[StateField::Since, StateField::Deadline],
            StateKind::DrainFailed => &[StateField::Since, StateField::Reason],
            StateKind::Maintenance | StateKind::ExitingMaintenance | StateKind::Recovery => {
                &[StateField::Since]
            }
        }
    }

    /// Whether a state of this kind carries `field`.
    pub fn has(self, field: StateField) -> bool {
        self.fields().contains(&field)
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

    /// The drain deadline; `None` but for an `EnteringMaintenance` with one.
    pub const fn deadline(&self) -> Option<Millis> {
        match self {
            MaintenanceState::EnteringMaintenance { deadline, .. } => *deadline,
            _ => None,
        }
    }

    /// The `DrainFailed` reason; `None` for every other kind.
    pub fn reason(&self) -> Option<&str> {
        match self {
            MaintenanceState::DrainFailed { reason, .. } => Some(reason),
            _ => None,
        }
    }

    /// A state of `kind` from its fields; those `kind` does not carry are
    /// ignored (`since` of `Active`, say).
    /// The same state with its times passed through `since` and `deadline`
    /// (the views' relative times are computed this way).
    pub fn map_times(
        &self,
        since: impl FnOnce(Millis) -> Millis,
        deadline: impl FnOnce(Millis) -> Millis,
    ) -> MaintenanceState {
        MaintenanceState::of_kind(
            self.kind(),
            since(self.since().unwrap_or(Millis::ZERO)),
            self.deadline().map(deadline),
            || self.reason().unwrap_or_default().into(),
        )
    }

    pub fn of_kind(
        kind: StateKind,
        since: Millis,
        deadline: Option<Millis>,
        reason: impl FnOnce() -> String,
    ) -> MaintenanceState {
        match kind {
            StateKind::Active => MaintenanceState::Active,
            StateKind::EnteringMaintenance => {
                MaintenanceState::EnteringMaintenance { since, deadline }
            }
            StateKind::Maintenance => MaintenanceState::Maintenance { since },
            StateKind::ExitingMaintenance => MaintenanceState::ExitingMaintenance { since },
            StateKind::DrainFailed => MaintenanceState::DrainFailed {
                since,
                reason: reason(),
            },
            StateKind::Recovery => MaintenanceState::Recovery { since },
        }
    }
}

/// Whether `to` may follow `from`: same kind whatever the fields (replay
/// tolerance), or one of the eight arcs of the cycle.
pub fn is_valid_successor(from: &MaintenanceState, to: &MaintenanceState) -> bool {
    from.kind().is_valid_successor(to.kind())
}

static STATE_KIND_NAMES: [&str; 6] = [
    StateKind::Active.name(),
    StateKind::EnteringMaintenance.name(),
    StateKind::Maintenance.name(),
    StateKind::ExitingMaintenance.name(),
    StateKind::DrainFailed.name(),
    StateKind::Recovery.name(),
];

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;
    use alloc::vec::Vec;
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
    fn names_and_codes_round_trip() {
        for kind in StateKind::ALL {
            assert_eq!(StateKind::from_name(kind.name()), Some(kind));
            assert_eq!(StateKind::from_code(kind.code()), Some(kind));
            assert_eq!(StateKind::NAMES[usize::from(kind.code())], kind.name());
        }
        assert_eq!(StateKind::from_name("active"), None);
        assert_eq!(StateKind::from_code(6), None);
    }
}
