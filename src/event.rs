//! Operator events, observed transitions and reconcile requests.

use serde::{Deserialize, Deserializer, Serialize};

use crate::reconcile::Conditions;
use crate::state::MaintenanceState;
use crate::time::Millis;

/// Something that may move a node's state, applied at an explicit `now`.
/// Its JSON form is the SPEC's: a union tagged by `type`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "type")]
pub enum Event {
    /// An operator asks to drain the node. `None` uses the config's default
    /// drain window.
    #[serde(rename_all = "camelCase")]
    EnterMaintenance { drain_for_ms: Option<Millis> },
    /// An operator asks to bring the node back; leaving `DrainFailed` needs
    /// `force`.
    ExitMaintenance { force: bool },
    /// A state read from the admin chain, accepted if it is a valid successor.
    TransitionObserved { state: MaintenanceState },
    /// The node's observed progress; see [`crate::reconcile()`].
    Reconcile { conditions: Conditions },
}

/// The kind of an [`Event`], without its fields.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EventKind {
    EnterMaintenance,
    ExitMaintenance,
    TransitionObserved,
    Reconcile,
}

impl EventKind {
    pub const ALL: [EventKind; 4] = [
        EventKind::EnterMaintenance,
        EventKind::ExitMaintenance,
        EventKind::TransitionObserved,
        EventKind::Reconcile,
    ];

    /// Every `type` string, in the order of [`EventKind::ALL`]. A static, so
    /// decoders can cache per-list lookups by its address.
    pub const NAMES: &'static [&'static str; 4] = &NAMES_EVENTKIND;

    /// The `type` string of the JSON form.
    pub const fn name(self) -> &'static str {
        match self {
            EventKind::EnterMaintenance => "EnterMaintenance",
            EventKind::ExitMaintenance => "ExitMaintenance",
            EventKind::TransitionObserved => "TransitionObserved",
            EventKind::Reconcile => "Reconcile",
        }
    }

    pub fn from_name(name: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|kind| kind.name() == name)
    }
}

impl Event {
    pub const fn kind(&self) -> EventKind {
        match self {
            Event::EnterMaintenance { .. } => EventKind::EnterMaintenance,
            Event::ExitMaintenance { .. } => EventKind::ExitMaintenance,
            Event::TransitionObserved { .. } => EventKind::TransitionObserved,
            Event::Reconcile { .. } => EventKind::Reconcile,
        }
    }

    /// `EnterMaintenance` with the config's default drain window.
    pub const fn enter_maintenance() -> Event {
        Event::EnterMaintenance { drain_for_ms: None }
    }

    pub const fn exit_maintenance() -> Event {
        Event::ExitMaintenance { force: false }
    }

    pub const fn force_exit() -> Event {
        Event::ExitMaintenance { force: true }
    }
}

impl<'de> Deserialize<'de> for Event {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::decode::deserialize_via(deserializer, "event", |v, p| crate::decode::event(v, p))
    }
}

static NAMES_EVENTKIND: [&str; 4] = {
    let mut names = [""; 4];
    let mut i = 0;
    while i < 4 {
        #[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)] // const, in bounds
        {
            names[i] = EventKind::ALL[i].name();
            i += 1;
        }
    }
    names
};
