//! The argument lists of the API functions, as data: what each argument is
//! and the name every path into it starts with, in the order they are
//! decoded. A binding that only needs to know whether a call's arguments
//! are well-formed (the JavaScript binding's slow path, which then runs the
//! rules itself) checks them with [`Call::check`]; `tests/calls.rs` pins
//! each list to the typed function of the same call (`transition_args`,
//! ...), argument by argument, so the two cannot drift.

use crate::decode::{self, Input, Path};
use crate::error::{InputError, InputErrorCode};

/// What an argument decodes as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arg {
    State,
    Event,
    Timestamp,
    Config,
    /// `reconcile`'s conditions argument (a container: `INVALID_INPUT`).
    Conditions,
    /// `{state?, config?}`.
    MachineOptions,
    /// `{frozenUntil?}`.
    AllowedOptions,
    /// `{initial?, config?}`.
    ReplayOptions,
    /// `{state, event, frozenUntil?, issuedAt?, config?}`.
    AdmissionRequest,
    Policy,
}

impl Arg {
    /// Whether `value`, the argument named `name`, is well-formed: the
    /// error its decoder reports, or nothing.
    pub fn check<V: Input>(self, value: &V, name: &'static str) -> Result<(), InputError> {
        let path = Path::Root(name);
        match self {
            Arg::State => decode::state(value, &path).map(drop),
            Arg::Event => decode::event(value, &path).map(drop),
            Arg::Timestamp => decode::timestamp(value, &path).map(drop),
            Arg::Config => decode::config(value, &path).map(drop),
            Arg::Conditions => {
                decode::conditions(value, &path, InputErrorCode::InvalidInput).map(drop)
            }
            Arg::MachineOptions => decode::machine_options(value, &path).map(drop),
            Arg::AllowedOptions => decode::allowed_options(value, &path).map(drop),
            Arg::ReplayOptions => decode::replay_options(value, &path).map(drop),
            Arg::AdmissionRequest => decode::admission_request(value, &path).map(drop),
            Arg::Policy => decode::policy(value, &path).map(drop),
        }
    }
}

/// An API function whose arguments a binding may check on their own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Call {
    IsValidSuccessor,
    Transition,
    Reconcile,
    /// The predicates (`rank`, `since`, ...): one state.
    Predicates,
    NewMachine,
    /// `Machine.check` and `Machine.apply`.
    MachineEvent,
    AllowedActions,
    ReplayOptions,
    Admit,
}

impl Call {
    pub const ALL: [Call; 9] = [
        Call::IsValidSuccessor,
        Call::Transition,
        Call::Reconcile,
        Call::Predicates,
        Call::NewMachine,
        Call::MachineEvent,
        Call::AllowedActions,
        Call::ReplayOptions,
        Call::Admit,
    ];

    /// The call's name at the JavaScript boundary.
    pub const fn name(self) -> &'static str {
        match self {
            Call::IsValidSuccessor => "isValidSuccessor",
            Call::Transition => "transition",
            Call::Reconcile => "reconcile",
            Call::Predicates => "predicates",
            Call::NewMachine => "Machine",
            Call::MachineEvent => "Machine.apply",
            Call::AllowedActions => "Machine.allowedActions",
            Call::ReplayOptions => "replay.options",
            Call::Admit => "admit",
        }
    }

    /// Its arguments, in the order they are decoded, with their names.
    pub const fn args(self) -> &'static [(Arg, &'static str)] {
        match self {
            Call::IsValidSuccessor => &[(Arg::State, "from"), (Arg::State, "to")],
            Call::Transition => &[
                (Arg::State, "state"),
                (Arg::Event, "event"),
                (Arg::Timestamp, "now"),
                (Arg::Config, "config"),
            ],
            Call::Reconcile => &[
                (Arg::State, "state"),
                (Arg::Conditions, "conditions"),
                (Arg::Timestamp, "now"),
                (Arg::Config, "config"),
            ],
            Call::Predicates => &[(Arg::State, "state")],
            Call::NewMachine => &[(Arg::MachineOptions, "options")],
            Call::MachineEvent => &[(Arg::Event, "event"), (Arg::Timestamp, "now")],
            Call::AllowedActions => &[(Arg::Timestamp, "now"), (Arg::AllowedOptions, "options")],
            Call::ReplayOptions => &[(Arg::ReplayOptions, "options")],
            Call::Admit => &[
                (Arg::AdmissionRequest, "request"),
                (Arg::Timestamp, "now"),
                (Arg::Policy, "policy"),
            ],
        }
    }

    /// Checks the call's arguments in order (`next` gives each in turn):
    /// the first malformed one's error, or nothing.
    pub fn check<V: Input>(self, mut next: impl FnMut() -> V) -> Result<(), InputError> {
        for (arg, name) in self.args() {
            arg.check(&next(), name)?;
        }
        Ok(())
    }
}
