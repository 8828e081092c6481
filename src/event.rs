//! Operator events, observed transitions and reconcile requests.

use serde::Serialize;

use crate::conditions::Conditions;
use crate::state::{MaintenanceState, StateKind};
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
    /// An operator asks to bring the node back; under the strict profile,
    /// leaving `DrainFailed` needs `force`.
    ExitMaintenance { force: bool },
    /// A state read from the admin chain, accepted if it is a valid successor.
    TransitionObserved { state: MaintenanceState },
    /// The node's observed progress; see [`crate::reconcile()`].
    Reconcile { conditions: Conditions },
}

/// The kind of an [`Event`], without its fields. Its position in
/// [`EventKind::ALL`] is its code at the JavaScript boundary.
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
    pub const NAMES: &'static [&'static str; 4] = &EVENT_KIND_NAMES;

    /// The `type` string of the JSON form.
    pub const fn name(self) -> &'static str {
        match self {
            EventKind::EnterMaintenance => "EnterMaintenance",
            EventKind::ExitMaintenance => "ExitMaintenance",
            EventKind::TransitionObserved => "TransitionObserved",
            EventKind::Reconcile => "Reconcile",
        }
    }

    /// The kind's code: its position in [`EventKind::ALL`].
    pub const fn code(self) -> u8 {
        match self {
            EventKind::EnterMaintenance => 0,
            EventKind::ExitMaintenance => 1,
            EventKind::TransitionObserved => 2,
            EventKind::Reconcile => 3,
        }
    }

    pub fn from_name(name: &str) -> Option<EventKind> {
        EventKind::ALL.into_iter().find(|kind| kind.name() == name)
    }

    /// Whether an operator issues it (and so whether `admit` takes it).
    pub const fn is_operator_action(self) -> bool {
        matches!(
            self,
            EventKind::EnterMaintenance | EventKind::ExitMaintenance
        )
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

/// An operator's command: the events an admin chain carries from a person.
/// `TransitionObserved` and `Reconcile` come from the nodes themselves and
/// are never admitted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OperatorAction {
    /// `None` uses the config's default drain window.
    EnterMaintenance {
        drain_for_ms: Option<Millis>,
    },
    ExitMaintenance {
        force: bool,
    },
}

impl OperatorAction {
    /// The event kinds that are operator actions, and their `type` strings.
    pub const KINDS: [EventKind; 2] = [EventKind::EnterMaintenance, EventKind::ExitMaintenance];
    /// A static, so decoders can cache per-list lookups by its address.
    pub const NAMES: &'static [&'static str; 2] = &OPERATOR_NAMES;

    pub const fn kind(self) -> EventKind {
        match self {
            OperatorAction::EnterMaintenance { .. } => EventKind::EnterMaintenance,
            OperatorAction::ExitMaintenance { .. } => EventKind::ExitMaintenance,
        }
    }

    /// The state kind the action asks for.
    pub const fn target(self) -> StateKind {
        match self {
            OperatorAction::EnterMaintenance { .. } => StateKind::EnteringMaintenance,
            OperatorAction::ExitMaintenance { .. } => StateKind::ExitingMaintenance,
        }
    }
}

impl From<OperatorAction> for Event {
    fn from(action: OperatorAction) -> Event {
        match action {
            OperatorAction::EnterMaintenance { drain_for_ms } => {
                Event::EnterMaintenance { drain_for_ms }
            }
            OperatorAction::ExitMaintenance { force } => Event::ExitMaintenance { force },
        }
    }
}

impl TryFrom<Event> for OperatorAction {
    /// The event, which is not an operator action.
    type Error = Event;

    fn try_from(event: Event) -> Result<OperatorAction, Event> {
        match event {
            Event::EnterMaintenance { drain_for_ms } => {
                Ok(OperatorAction::EnterMaintenance { drain_for_ms })
            }
            Event::ExitMaintenance { force } => Ok(OperatorAction::ExitMaintenance { force }),
            other @ (Event::TransitionObserved { .. } | Event::Reconcile { .. }) => Err(other),
        }
    }
}

static EVENT_KIND_NAMES: [&str; 4] = [
    EventKind::EnterMaintenance.name(),
    EventKind::ExitMaintenance.name(),
    EventKind::TransitionObserved.name(),
    EventKind::Reconcile.name(),
];

static OPERATOR_NAMES: [&str; 2] = [
    EventKind::EnterMaintenance.name(),
    EventKind::ExitMaintenance.name(),
];
