//! The sentence a verdict carries for a console. A [`Message`] is small and
//! `Copy`: the hot paths (replay, the wasm binding) keep it as a key and only
//! render the text when someone reads it.

use std::fmt;

use crate::admission::Stale;
use crate::event::EventKind;
use crate::state::StateKind;
use crate::time::Millis;

/// One human sentence naming the event and both states.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Message {
    pub(crate) event: EventKind,
    pub(crate) from: StateKind,
    pub(crate) to: StateKind,
    pub(crate) form: Form,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Form {
    Moved,
    MovedBecause(Why),
    Refreshed,
    Stays(Why),
    Refused(Why),
    NeedsForce,
    NotSuccessor,
    /// The `node` profile's silent no-op.
    Ignored,
    /// A cluster freeze holds until `until`, `left` from now.
    Frozen {
        until: Millis,
        left: Millis,
    },
    /// A signed envelope that is not fresh.
    Stale(Stale),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Why {
    AlreadyEntering,
    AlreadyExiting,
    Identical,
    EnterOnlyFromActive,
    ExitOnlyFromMaintenance,
    DrainedAndStopped,
    DeadlineElapsed,
    DrainIncomplete,
    DaemonsHealthy,
    DaemonsUnhealthy,
    RampElapsed,
    RampNotElapsed,
    NothingToDo,
    SameWindow,
    NodeRestartsWindow,
    NodeEntersFromAnyState,
    Frozen,
}

impl Message {
    /// Whether the sentence includes times, so that no two admissions share
    /// it: a binding should not cache it.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))] // the binding's string cache
    pub(crate) const fn carries_times(&self) -> bool {
        matches!(self.form, Form::Frozen { .. } | Form::Stale(_))
    }
}

impl Why {
    const fn text(self) -> &'static str {
        match self {
            Why::AlreadyEntering => "it is already entering maintenance",
            Why::AlreadyExiting => "it is already exiting maintenance",
            Why::Identical => "the observed state is identical",
            Why::EnterOnlyFromActive => "maintenance can only be entered from Active",
            Why::ExitOnlyFromMaintenance => {
                "maintenance can only be exited from Maintenance or DrainFailed"
            }
            Why::DrainedAndStopped => "replicas are drained and daemons stopped",
            Why::DeadlineElapsed => "the drain deadline elapsed",
            Why::DrainIncomplete => "the drain is not complete and its deadline has not passed",
            Why::DaemonsHealthy => "daemons are healthy",
            Why::DaemonsUnhealthy => "daemons are not healthy yet",
            Why::RampElapsed => "the recovery ramp window elapsed",
            Why::RampNotElapsed => "the recovery ramp window has not elapsed",
            Why::NothingToDo => "reconcile has nothing to do in this state",
            Why::SameWindow => "the node would restart the same drain window at the same time",
            Why::NodeRestartsWindow => {
                "the node restarts the drain window on every EnterMaintenance"
            }
            Why::NodeEntersFromAnyState => {
                "the node accepts EnterMaintenance in any state and starts a new drain"
            }
            Why::Frozen => "the cluster is frozen, so reconcile moves no node",
        }
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Message {
            event,
            from,
            to,
            form,
        } = *self;
        let event = event.name();
        match form {
            Form::Moved => write!(f, "{event} moved the node from {from} to {to}."),
            Form::MovedBecause(why) => write!(f, "{event} moved the node from {from} to {to}: {}.", why.text()),
            Form::Refreshed => write!(f, "{event} moved the node from {from} to {to}, refreshing its fields."),
            Form::Stays(why) => write!(f, "{event} leaves the node in {from}: {}.", why.text()),
            Form::Refused(why) => write!(f, "{event} cannot move the node from {from} to {to}: {}.", why.text()),
            Form::NeedsForce => write!(
                f,
                "{event} cannot move the node from {from} to {to} without force: the drain failed, so exiting needs force: true."
            ),
            Form::Frozen { until, left } => write!(
                f,
                "{event} cannot move the node from {from} to {to}: the cluster is frozen until {until} ({left} ms from now)."
            ),
            Form::Stale(stale) => write!(f, "{event} cannot move the node from {from} to {to}: {stale}."),
            Form::Ignored => write!(f, "{event} leaves the node in {from}: the node ignores {event} while {from}."),
            Form::NotSuccessor => write!(
                f,
                "{event} cannot move the node from {from} to {to}: {to} is not a valid successor of {from}."
            ),
        }
    }
}
