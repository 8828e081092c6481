//! The decoders for each input type of the API.

use super::input::{Input, Shape, Text};
use super::object::{expected, fail, quoted_list, ObjectReader};
use super::Path;
use crate::admission::{AdmissionRequest, OperatorAction, Policy};
use crate::config::{Config, Profile};
use crate::error::{InputError, InputErrorCode};
use crate::event::{Event, EventKind};
use crate::reconcile::Conditions;
use crate::replay::Entry;
use crate::state::{MaintenanceState, StateKind, MAX_REASON_BYTES};
use crate::time::Millis;

use InputErrorCode::{InvalidConfig, InvalidEvent, InvalidInput, InvalidState, InvalidTimestamp};

const SAFE_INTEGER: &str = "a non-negative safe integer";

/// A timestamp or duration nested in a value whose own code is `code`.
pub fn millis<V: Input>(
    value: &V,
    path: &Path<'_>,
    code: InputErrorCode,
) -> Result<Millis, InputError> {
    value
        .number()
        .and_then(|number| Millis::from_f64(number).ok())
        .ok_or_else(|| expected(code, path, SAFE_INTEGER, value))
}

/// A top-level timestamp such as `now`.
pub fn timestamp<V: Input>(value: &V, path: &Path<'_>) -> Result<Millis, InputError> {
    millis(value, path, InvalidTimestamp)
}

fn optional_millis<V: Input>(
    reader: &mut ObjectReader<'_, '_, V>,
    name: &'static str,
) -> Result<Option<Millis>, InputError> {
    if let Some(millis) = reader.fast_millis(name) {
        return Ok(Some(millis));
    }
    match reader.optional(name)? {
        None => Ok(None),
        // `null` is checked first: building the error it is not would cost
        // a message on every `deadline: null`.
        Some(value) if value.shape() == Shape::Null => Ok(None),
        Some(value) => millis(&value, &reader.path().field(name), reader.code()).map(Some),
    }
}

fn required_millis<V: Input>(
    reader: &mut ObjectReader<'_, '_, V>,
    name: &'static str,
) -> Result<Millis, InputError> {
    if let Some(millis) = reader.fast_millis(name) {
        return Ok(millis);
    }
    let value = reader.required(name)?;
    millis(&value, &reader.path().field(name), reader.code())
}

fn optional_bool<V: Input>(
    reader: &mut ObjectReader<'_, '_, V>,
    name: &'static str,
) -> Result<bool, InputError> {
    if let Some(value) = reader.fast_bool(name) {
        return Ok(value);
    }
    match reader.optional(name)? {
        Some(value) => value.boolean().ok_or_else(|| {
            expected(
                reader.code(),
                &reader.path().field(name),
                "a boolean",
                &value,
            )
        }),
        None => Ok(false),
    }
}

/// One of `all`, read from a tag field such as `kind` or `type`.
pub(super) fn tag<V: Input, T: Copy>(
    value: &V,
    path: &Path<'_>,
    code: InputErrorCode,
    all: &[T],
    names: &'static [&'static str],
) -> Result<T, InputError> {
    value
        .tag(names)
        .and_then(|index| all.get(index).copied())
        .ok_or_else(|| expected(code, path, &format!("one of {}", quoted_list(names)), value))
}

/// The tag field `name` of the object being read, as one of `all`.
pub(super) fn tag_field<V: Input, T: Copy>(
    reader: &mut ObjectReader<'_, '_, V>,
    name: &'static str,
    all: &[T],
    names: &'static [&'static str],
) -> Result<T, InputError> {
    if let Some(found) = reader
        .fast_tag(name, names)
        .and_then(|index| all.get(index))
    {
        return Ok(*found);
    }
    let value = reader.required(name)?;
    tag(
        &value,
        &reader.path().field(name),
        reader.code(),
        all,
        names,
    )
}

/// A `DrainFailed` reason: a string of at most [`MAX_REASON_BYTES`].
pub(super) fn reason<V: Input>(value: &V, path: &Path<'_>) -> Result<String, InputError> {
    match value.text(MAX_REASON_BYTES) {
        Text::Text(reason) => Ok(reason),
        Text::TooLong => Err(fail(
            InvalidState,
            path,
            &format!("expected at most {MAX_REASON_BYTES} UTF-8 bytes, got a longer string"),
        )),
        Text::NotText => Err(expected(InvalidState, path, "a string", value)),
    }
}

pub fn state<V: Input>(value: &V, path: &Path<'_>) -> Result<MaintenanceState, InputError> {
    let mut reader = ObjectReader::open(value, path, InvalidState, "a state object")?;
    let kind = tag_field(&mut reader, "kind", &StateKind::ALL, StateKind::NAMES)?;
    let (state, fields): (MaintenanceState, &[&str]) = match kind {
        StateKind::Active => (MaintenanceState::Active, &["kind"]),
        StateKind::EnteringMaintenance => (
            MaintenanceState::EnteringMaintenance {
                since: required_millis(&mut reader, "since")?,
                deadline: optional_millis(&mut reader, "deadline")?,
            },
            &["kind", "since", "deadline"],
        ),
        StateKind::Maintenance => (
            MaintenanceState::Maintenance {
                since: required_millis(&mut reader, "since")?,
            },
            &["kind", "since"],
        ),
        StateKind::ExitingMaintenance => (
            MaintenanceState::ExitingMaintenance {
                since: required_millis(&mut reader, "since")?,
            },
            &["kind", "since"],
        ),
        StateKind::DrainFailed => {
            let since = required_millis(&mut reader, "since")?;
            let reason_value = reader.required("reason")?;
            let reason = reason(&reason_value, &path.field("reason"))?;
            (
                MaintenanceState::DrainFailed { since, reason },
                &["kind", "since", "reason"],
            )
        }
        StateKind::Recovery => (
            MaintenanceState::Recovery {
                since: required_millis(&mut reader, "since")?,
            },
            &["kind", "since"],
        ),
    };
    reader.finish(fields)?;
    Ok(state)
}

pub fn event<V: Input>(value: &V, path: &Path<'_>) -> Result<Event, InputError> {
    event_of(value, path, &EventKind::ALL, EventKind::NAMES)
}

/// An event whose `type` is one of `kinds` (named `names`).
fn event_of<V: Input>(
    value: &V,
    path: &Path<'_>,
    kinds: &[EventKind],
    names: &'static [&'static str],
) -> Result<Event, InputError> {
    let mut reader = ObjectReader::open(value, path, InvalidEvent, "an event object")?;
    let kind = tag_field(&mut reader, "type", kinds, names)?;
    let (event, fields): (Event, &[&str]) = match kind {
        EventKind::EnterMaintenance => (
            Event::EnterMaintenance {
                drain_for_ms: optional_millis(&mut reader, "drainForMs")?,
            },
            &["type", "drainForMs"],
        ),
        EventKind::ExitMaintenance => (
            Event::ExitMaintenance {
                force: optional_bool(&mut reader, "force")?,
            },
            &["type", "force"],
        ),
        EventKind::TransitionObserved => {
            let state_value = reader.required("state")?;
            (
                Event::TransitionObserved {
                    state: state(&state_value, &path.field("state"))?,
                },
                &["type", "state"],
            )
        }
        EventKind::Reconcile => {
            let conditions_value = reader.required("conditions")?;
            let conditions =
                conditions(&conditions_value, &path.field("conditions"), InvalidEvent)?;
            (Event::Reconcile { conditions }, &["type", "conditions"])
        }
    };
    reader.finish(fields)?;
    Ok(event)
}

/// An operator action: an event of type `EnterMaintenance` or
/// `ExitMaintenance` only.
pub fn operator_action<V: Input>(value: &V, path: &Path<'_>) -> Result<OperatorAction, InputError> {
    let event = event_of(value, path, &OperatorAction::KINDS, OperatorAction::NAMES)?;
    OperatorAction::try_from(event).map_err(|_| {
        fail(
            InvalidEvent,
            &path.field("type"),
            "expected an operator action",
        )
    })
}

/// Conditions, inside an event (`INVALID_EVENT`) or as an argument
/// (`INVALID_INPUT`).
pub fn conditions<V: Input>(
    value: &V,
    path: &Path<'_>,
    code: InputErrorCode,
) -> Result<Conditions, InputError> {
    let mut reader = ObjectReader::open(value, path, code, "a conditions object")?;
    let conditions = Conditions {
        replicas_drained: optional_bool(&mut reader, "replicasDrained")?,
        daemons_stopped: optional_bool(&mut reader, "daemonsStopped")?,
        daemons_healthy: optional_bool(&mut reader, "daemonsHealthy")?,
        cluster_frozen: optional_bool(&mut reader, "clusterFrozen")?,
    };
    reader.finish(&[
        "replicasDrained",
        "daemonsStopped",
        "daemonsHealthy",
        "clusterFrozen",
    ])?;
    Ok(conditions)
}

/// A config object; omitted fields (or an omitted config) take the defaults
/// of its profile (itself `"strict"` when omitted).
pub fn config<V: Input>(value: &V, path: &Path<'_>) -> Result<Config, InputError> {
    if value.shape() == Shape::Undefined {
        return Ok(Config::default());
    }
    let mut reader = ObjectReader::open(value, path, InvalidConfig, "a config object")?;
    // The profile first: it decides the other fields' defaults.
    let profile = match reader.optional("profile")? {
        None => Profile::Strict,
        Some(value) => tag(
            &value,
            &path.field("profile"),
            InvalidConfig,
            &Profile::ALL,
            Profile::NAMES,
        )?,
    };
    let defaults = Config::for_profile(profile);
    let default_drain_for_ms = match reader.optional("defaultDrainForMs")? {
        None => defaults.default_drain_for_ms,
        Some(value) if value.shape() == Shape::Null => None,
        Some(value) => Some(millis(
            &value,
            &path.field("defaultDrainForMs"),
            InvalidConfig,
        )?),
    };
    let recovery_ramp_window_ms = match reader.optional("recoveryRampWindowMs")? {
        None => defaults.recovery_ramp_window_ms,
        Some(value) => millis(&value, &path.field("recoveryRampWindowMs"), InvalidConfig)?,
    };
    reader.finish(&["profile", "defaultDrainForMs", "recoveryRampWindowMs"])?;
    Ok(Config {
        profile,
        default_drain_for_ms,
        recovery_ramp_window_ms,
    })
}

/// One `{at, event}` entry of a chain.
pub fn entry<V: Input>(value: &V, path: &Path<'_>) -> Result<Entry, InputError> {
    let mut reader = ObjectReader::open(value, path, InvalidInput, "an {at, event} object")?;
    let at_value = reader.required("at")?;
    let at = timestamp(&at_value, &path.field("at"))?;
    let event_value = reader.required("event")?;
    let event = event(&event_value, &path.field("event"))?;
    reader.finish(&["at", "event"])?;
    Ok(Entry { at, event })
}

/// The options of `replay`: `{initial?, config?}`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReplayOptions {
    pub initial: MaintenanceState,
    pub config: Config,
}

/// The options of `new Machine`: `{state?, config?}`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MachineOptions {
    pub state: MaintenanceState,
    pub config: Config,
}

/// `{<state_field>?, config?}`, with `undefined` meaning no options at all.
fn state_and_config<V: Input>(
    value: &V,
    path: &Path<'_>,
    state_field: &'static str,
) -> Result<(MaintenanceState, Config), InputError> {
    if value.shape() == Shape::Undefined {
        return Ok(Default::default());
    }
    let mut reader = ObjectReader::open(value, path, InvalidInput, "an options object")?;
    let initial = match reader.optional(state_field)? {
        Some(value) => state(&value, &path.field(state_field))?,
        None => MaintenanceState::Active,
    };
    let config = match reader.optional("config")? {
        Some(value) => config(&value, &path.field("config"))?,
        None => Config::default(),
    };
    reader.finish(&[state_field, "config"])?;
    Ok((initial, config))
}

pub fn replay_options<V: Input>(value: &V, path: &Path<'_>) -> Result<ReplayOptions, InputError> {
    let (initial, config) = state_and_config(value, path, "initial")?;
    Ok(ReplayOptions { initial, config })
}

pub fn machine_options<V: Input>(value: &V, path: &Path<'_>) -> Result<MachineOptions, InputError> {
    let (state, config) = state_and_config(value, path, "state")?;
    Ok(MachineOptions { state, config })
}

/// Visits each element of an array in order, stopping at the first error.
pub fn for_each_element<V: Input>(
    array: &V,
    path: &Path<'_>,
    mut visit: impl FnMut(&V, &Path<'_>) -> Result<(), InputError>,
) -> Result<(), InputError> {
    if array.shape() != Shape::Array {
        return Err(expected(InvalidInput, path, "an array", array));
    }
    let length = array.length().map_err(|thrown| {
        fail(
            InvalidInput,
            path,
            &format!("reading the length threw {thrown}"),
        )
    })?;
    for index in 0..length {
        let element_path = path.index(index);
        let element = array.element(index).map_err(|thrown| {
            fail(
                InvalidInput,
                &element_path,
                &format!("reading the element threw {thrown}"),
            )
        })?;
        visit(&element, &element_path)?;
    }
    Ok(())
}

/// A whole chain of `{at, event}` entries.
pub fn entries<V: Input>(value: &V, path: &Path<'_>) -> Result<Vec<Entry>, InputError> {
    let mut entries = Vec::new();
    for_each_element(value, path, |element, element_path| {
        entries.push(entry(element, element_path)?);
        Ok(())
    })?;
    Ok(entries)
}

/// A timestamp that may be `null` (or absent): `frozenUntil`.
fn nullable_timestamp<V: Input>(
    reader: &mut ObjectReader<'_, '_, V>,
    name: &'static str,
) -> Result<Option<Millis>, InputError> {
    match reader.optional(name)? {
        None => Ok(None),
        Some(value) if value.shape() == Shape::Null => Ok(None),
        Some(value) => timestamp(&value, &reader.path().field(name)).map(Some),
    }
}

/// The request of `admit`: `{state, event, frozenUntil?, issuedAt?, config?}`.
pub fn admission_request<V: Input>(
    value: &V,
    path: &Path<'_>,
) -> Result<AdmissionRequest, InputError> {
    let mut reader = ObjectReader::open(value, path, InvalidInput, "a request object")?;
    let state_value = reader.required("state")?;
    let state = state(&state_value, &path.field("state"))?;
    let event_value = reader.required("event")?;
    let action = operator_action(&event_value, &path.field("event"))?;
    let frozen_until = nullable_timestamp(&mut reader, "frozenUntil")?;
    let issued_at = match reader.optional("issuedAt")? {
        None => None,
        Some(value) => Some(timestamp(&value, &path.field("issuedAt"))?),
    };
    let config = match reader.optional("config")? {
        Some(value) => config(&value, &path.field("config"))?,
        None => Config::default(),
    };
    reader.finish(&["state", "event", "frozenUntil", "issuedAt", "config"])?;
    Ok(AdmissionRequest {
        state,
        action,
        frozen_until,
        issued_at,
        config,
    })
}

/// The freshness policy of `admit`; omitted fields take the nodes' values.
pub fn policy<V: Input>(value: &V, path: &Path<'_>) -> Result<Policy, InputError> {
    let defaults = Policy::default();
    if value.shape() == Shape::Undefined {
        return Ok(defaults);
    }
    let mut reader = ObjectReader::open(value, path, InvalidConfig, "a policy object")?;
    let mut window = |name: &'static str, default: Millis| -> Result<Millis, InputError> {
        match reader.optional(name)? {
            None => Ok(default),
            Some(value) => millis(&value, &path.field(name), InvalidConfig),
        }
    };
    let freshness_window_ms = window("freshnessWindowMs", defaults.freshness_window_ms)?;
    let future_skew_ms = window("futureSkewMs", defaults.future_skew_ms)?;
    reader.finish(&["freshnessWindowMs", "futureSkewMs"])?;
    Ok(Policy {
        freshness_window_ms,
        future_skew_ms,
    })
}

/// The options of `Machine.allowedActions`: `{frozenUntil?}`.
pub fn allowed_options<V: Input>(value: &V, path: &Path<'_>) -> Result<Option<Millis>, InputError> {
    if value.shape() == Shape::Undefined {
        return Ok(None);
    }
    let mut reader = ObjectReader::open(value, path, InvalidInput, "an options object")?;
    let frozen_until = nullable_timestamp(&mut reader, "frozenUntil")?;
    reader.finish(&["frozenUntil"])?;
    Ok(frozen_until)
}
