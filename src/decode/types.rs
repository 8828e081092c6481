//! The decoders of the API's input types.

use alloc::vec::Vec;

use super::input::{Input, Shape, StringRead};
use super::object::{expected, expected_time, fail, quoted_list, threw, ObjectReader};
use super::Path;
use crate::admission::AdmissionRequest;
use crate::conditions::{Condition, Conditions};
use crate::config::{Config, Profile};
use crate::error::{InputError, InputErrorCode};
use crate::event::{Event, EventKind, OperatorAction};
use crate::freshness::Policy;
use crate::lean::{Lean, LeanEvent};
use crate::replay::Entry;
use crate::state::{MaintenanceState, StateField, StateKind, MAX_REASON_BYTES};
use crate::text::Text;
use crate::time::Millis;

use InputErrorCode::{InvalidConfig, InvalidEvent, InvalidInput, InvalidState, InvalidTimestamp};

/// What a time in the domain is, in every message that refuses one.
pub(crate) const SAFE_INTEGER: &str = "a non-negative safe integer";

/// A timestamp or duration nested in a value whose own code is `code`.
#[inline(never)]
pub(crate) fn millis<V: Input>(
    value: &V,
    path: &Path<'_>,
    code: InputErrorCode,
) -> Result<Millis, InputError> {
    value
        .number()
        .and_then(|number| Millis::from_f64(number).ok())
        .ok_or_else(|| expected_time(code, path, SAFE_INTEGER, value))
}

/// A top-level timestamp such as `now`.
pub(crate) fn timestamp<V: Input>(value: &V, path: &Path<'_>) -> Result<Millis, InputError> {
    millis(value, path, InvalidTimestamp)
}

/// A time that may be `null` or absent (both `None`).
pub(super) fn optional_millis<V: Input>(
    reader: &mut ObjectReader<'_, '_, V>,
    name: &'static str,
) -> Result<Option<Millis>, InputError> {
    let code = reader.code();
    nullable(reader, name, |value, path| millis(value, path, code))
}

/// The field `name` read by `read`, `None` when it is `null` or absent.
#[inline(never)]
pub(super) fn nullable<V: Input>(
    reader: &mut ObjectReader<'_, '_, V>,
    name: &'static str,
    read: impl FnOnce(&V, &Path<'_>) -> Result<Millis, InputError>,
) -> Result<Option<Millis>, InputError> {
    match reader.optional(name)? {
        None => Ok(None),
        // `null` is checked first: building the error it is not would cost
        // a message on every `deadline: null`.
        Some(value) if value.shape() == Shape::Null => Ok(None),
        Some(value) => read(&value, &reader.path().field(name)).map(Some),
    }
}

#[inline(never)]
fn required_millis<V: Input>(
    reader: &mut ObjectReader<'_, '_, V>,
    name: &'static str,
) -> Result<Millis, InputError> {
    let value = reader.required(name)?;
    millis(&value, &reader.path().field(name), reader.code())
}

/// A boolean field; `false` when absent.
#[inline(never)]
fn optional_bool<V: Input>(
    reader: &mut ObjectReader<'_, '_, V>,
    name: &'static str,
) -> Result<bool, InputError> {
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

/// One of `all`, read from a tag value such as a `kind` or a `type`.
#[inline(never)]
pub(crate) fn tag<V: Input, T: Copy>(
    value: &V,
    path: &Path<'_>,
    code: InputErrorCode,
    all: &[T],
    names: &'static [&'static str],
) -> Result<T, InputError> {
    value
        .tag(names)
        .and_then(|index| all.get(index).copied())
        .ok_or_else(|| {
            let what = Text::new().s("one of ").s(&quoted_list(names)).done();
            expected(code, path, &what, value)
        })
}

/// The tag field `name` of the object being read, as one of `all`.
pub(crate) fn tag_field<V: Input, T: Copy>(
    reader: &mut ObjectReader<'_, '_, V>,
    name: &'static str,
    all: &[T],
    names: &'static [&'static str],
) -> Result<T, InputError> {
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
#[inline(never)]
pub(crate) fn reason<V: Input>(
    value: &V,
    path: &Path<'_>,
) -> Result<alloc::string::String, InputError> {
    match value.string(MAX_REASON_BYTES) {
        StringRead::Found(reason) => Ok(reason),
        StringRead::TooLong => Err(fail(
            InvalidState,
            path,
            &Text::new()
                .s("expected at most ")
                .n(MAX_REASON_BYTES as u64)
                .s(" UTF-8 bytes, got a longer string")
                .done(),
        )),
        StringRead::NotString => Err(expected(InvalidState, path, "a string", value)),
    }
}

/// `["kind", ...the kind's fields]`: what a state object may hold.
fn state_members(kind: StateKind) -> Vec<&'static str> {
    let mut members = alloc::vec!["kind"];
    members.extend(kind.fields().iter().map(|field| field.name()));
    members
}

#[inline(never)]
pub(crate) fn state<V: Input>(value: &V, path: &Path<'_>) -> Result<MaintenanceState, InputError> {
    let mut reader = ObjectReader::open(value, path, InvalidState, "a state object")?;
    let kind = tag_field(&mut reader, "kind", &StateKind::ALL, StateKind::NAMES)?;
    let (mut since, mut deadline, mut reason_text) = (Millis::ZERO, None, None);
    for field in kind.fields() {
        let name = field.name();
        match field {
            StateField::Since => since = required_millis(&mut reader, name)?,
            StateField::Deadline => deadline = optional_millis(&mut reader, name)?,
            StateField::Reason => {
                let value = reader.required(name)?;
                reason_text = Some(reason(&value, &path.field(name))?);
            }
        }
    }
    reader.finish(&state_members(kind))?;
    Ok(MaintenanceState::of_kind(kind, since, deadline, || {
        reason_text.unwrap_or_default()
    }))
}

/// The state decoder for a reader of tags and numbers (the binding's fast path):
/// `fields` is what it saw under `since`, `deadline` and `reason`. The
/// state without its reason, and the key count a well-formed state object
/// of that shape has; `None` wherever the strict decoder would refuse or could say
/// more.
pub fn lean_state(kind: StateKind, fields: [Seen; 3]) -> Option<(Lean, u32)> {
    let mut lean = Lean {
        kind,
        since: Millis::ZERO,
        deadline: None,
    };
    let mut keys: u32 = 1;
    let names = [StateField::Since, StateField::Deadline, StateField::Reason];
    for (field, seen) in names.into_iter().zip(fields) {
        if !kind.has(field) {
            if seen != Seen::Absent {
                return None;
            }
            continue;
        }
        match (field, seen) {
            // Only `deadline` may be omitted (as `null`).
            (StateField::Deadline, Seen::Absent) => continue,
            (StateField::Since, Seen::Number(ms)) => lean.since = Millis::from_f64(ms).ok()?,
            (StateField::Deadline, Seen::Null) => {}
            (StateField::Deadline, Seen::Number(ms)) => {
                lean.deadline = Some(Millis::from_f64(ms).ok()?);
            }
            (StateField::Reason, Seen::String(bytes)) if bytes <= MAX_REASON_BYTES => {}
            _ => return None,
        }
        keys = keys.saturating_add(1);
    }
    Some((lean, keys))
}

pub(crate) fn event<V: Input>(value: &V, path: &Path<'_>) -> Result<Event, InputError> {
    event_of(value, path, &EventKind::ALL, EventKind::NAMES)
}

/// An event whose `type` is one of `kinds` (named `names`).
#[inline(never)]
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

/// What a reader that hands over tags and numbers instead of values (the
/// binding's fast path) saw in an event's one field besides `type`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Seen {
    Absent,
    Null,
    False,
    True,
    Number(f64),
    /// A string of at most this many UTF-8 bytes (a bound the reader
    /// vouches for: three per UTF-16 unit, or the exact count).
    String(usize),
    /// A plain object, decoded further by the caller's `nested_*` readers.
    Object,
    /// Anything else (an array, a bigint...).
    Other,
}

/// The event of type `kind` whose field was `seen`, as the numeric rules
/// take it, with the key count a well-formed event of that shape has; the
/// arms mirror the strict event decoder's. `None` wherever the strict decoder would
/// refuse or could say more (the caller then runs the strict decoder).
pub fn lean_event(
    kind: EventKind,
    seen: Seen,
    nested_state: impl FnOnce() -> Option<Lean>,
    nested_conditions: impl FnOnce() -> Option<Conditions>,
) -> Option<(LeanEvent, u32)> {
    let keys = if seen == Seen::Absent { 1 } else { 2 };
    let event = match (kind, seen) {
        (EventKind::EnterMaintenance, Seen::Absent | Seen::Null) => {
            LeanEvent::Enter { drain_for_ms: None }
        }
        (EventKind::EnterMaintenance, Seen::Number(ms)) => LeanEvent::Enter {
            drain_for_ms: Some(Millis::from_f64(ms).ok()?),
        },
        (EventKind::ExitMaintenance, Seen::Absent | Seen::False) => {
            LeanEvent::Exit { force: false }
        }
        (EventKind::ExitMaintenance, Seen::True) => LeanEvent::Exit { force: true },
        (EventKind::TransitionObserved, Seen::Object) => LeanEvent::Observed {
            state: nested_state()?,
            // Two reasons to compare need the strings: the caller checks.
            same_reason: true,
        },
        (EventKind::Reconcile, Seen::Object) => LeanEvent::Reconcile {
            conditions: nested_conditions()?,
        },
        (
            EventKind::EnterMaintenance
            | EventKind::ExitMaintenance
            | EventKind::TransitionObserved
            | EventKind::Reconcile,
            _,
        ) => return None,
    };
    Some((event, keys))
}

/// An operator action: an event of type `EnterMaintenance` or
/// `ExitMaintenance` only.
pub(crate) fn operator_action<V: Input>(
    value: &V,
    path: &Path<'_>,
) -> Result<OperatorAction, InputError> {
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
#[inline(never)]
pub(crate) fn conditions<V: Input>(
    value: &V,
    path: &Path<'_>,
    code: InputErrorCode,
) -> Result<Conditions, InputError> {
    let mut reader = ObjectReader::open(value, path, code, "a conditions object")?;
    let mut conditions = Conditions::default();
    for condition in Condition::ALL {
        conditions.set(condition, optional_bool(&mut reader, condition.name())?);
    }
    reader.finish(&Condition::ALL.map(Condition::name))?;
    Ok(conditions)
}

/// The conditions decoder for a reader of tags and numbers: what it saw under each
/// of [`Condition::ALL`]. The conditions and the key count.
pub fn lean_conditions(flags: [Seen; 4]) -> Option<(Conditions, u32)> {
    let mut conditions = Conditions::default();
    let mut keys: u32 = 0;
    for (condition, seen) in Condition::ALL.into_iter().zip(flags) {
        match seen {
            Seen::Absent => continue,
            Seen::True => conditions.set(condition, true),
            Seen::False => {}
            _ => return None,
        }
        keys = keys.saturating_add(1);
    }
    Some((conditions, keys))
}

/// A config object; omitted fields (or an omitted config) take the defaults
/// of its profile (itself `"strict"` when omitted).
#[inline(never)]
pub(crate) fn config<V: Input>(value: &V, path: &Path<'_>) -> Result<Config, InputError> {
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

/// The config decoder for a reader of tags and numbers: the profile it read (`None`
/// when absent) and what it saw under `defaultDrainForMs` and
/// `recoveryRampWindowMs`. The config and the key count.
pub fn lean_config(
    profile: Option<Profile>,
    default_drain: Seen,
    ramp: Seen,
) -> Option<(Config, u32)> {
    let mut config = Config::for_profile(profile.unwrap_or(Profile::Strict));
    match default_drain {
        Seen::Absent => {}
        Seen::Null => config.default_drain_for_ms = None,
        Seen::Number(ms) => config.default_drain_for_ms = Some(Millis::from_f64(ms).ok()?),
        _ => return None,
    }
    match ramp {
        Seen::Absent => {}
        Seen::Number(ms) => config.recovery_ramp_window_ms = Millis::from_f64(ms).ok()?,
        _ => return None,
    }
    let keys = [
        profile.is_some(),
        default_drain != Seen::Absent,
        ramp != Seen::Absent,
    ]
    .into_iter()
    .map(u32::from)
    .sum();
    Some((config, keys))
}

/// One `{at, event}` entry of a chain.
#[inline(never)]
pub(crate) fn entry<V: Input>(value: &V, path: &Path<'_>) -> Result<Entry, InputError> {
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
pub(crate) struct ReplayOptions {
    pub(crate) initial: MaintenanceState,
    pub(crate) config: Config,
}

/// The options of `new Machine`: `{state?, config?}`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct MachineOptions {
    pub(crate) state: MaintenanceState,
    pub(crate) config: Config,
}

/// `{<state_field>?, config?}`, with `undefined` meaning no options at all.
#[inline(never)]
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

pub(crate) fn replay_options<V: Input>(
    value: &V,
    path: &Path<'_>,
) -> Result<ReplayOptions, InputError> {
    let (initial, config) = state_and_config(value, path, "initial")?;
    Ok(ReplayOptions { initial, config })
}

pub(crate) fn machine_options<V: Input>(
    value: &V,
    path: &Path<'_>,
) -> Result<MachineOptions, InputError> {
    let (state, config) = state_and_config(value, path, "state")?;
    Ok(MachineOptions { state, config })
}

/// Visits each element of an array in order, stopping at the first error.
pub(crate) fn for_each_element<V: Input>(
    array: &V,
    path: &Path<'_>,
    mut visit: impl FnMut(&V, &Path<'_>) -> Result<(), InputError>,
) -> Result<(), InputError> {
    if array.shape() != Shape::Array {
        return Err(expected(InvalidInput, path, "an array", array));
    }
    let length = array
        .length()
        .map_err(|thrown| threw(InvalidInput, path, "reading the length", &thrown))?;
    for index in 0..length {
        let element_path = path.index(index);
        let element = array
            .element(index)
            .map_err(|thrown| threw(InvalidInput, &element_path, "reading the element", &thrown))?;
        visit(&element, &element_path)?;
    }
    Ok(())
}

/// A timestamp that may be `null` (or absent): `frozenUntil`.
fn nullable_timestamp<V: Input>(
    reader: &mut ObjectReader<'_, '_, V>,
    name: &'static str,
) -> Result<Option<Millis>, InputError> {
    nullable(reader, name, timestamp)
}

/// The request of `admit`: `{state, event, frozenUntil?, issuedAt?, config?}`.
#[inline(never)]
pub(crate) fn admission_request<V: Input>(
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

/// The request decoder for a reader of tags and numbers, after the state,
/// event and config it holds: what it saw under `frozenUntil` and
/// `issuedAt`, and whether it had a config. The freeze's end, the envelope's
/// time and the key count a well-formed request of that shape has.
#[inline(always)]
pub fn lean_request(
    frozen_until: Seen,
    issued_at: Seen,
    has_config: bool,
) -> Option<(Option<Millis>, Option<Millis>, u32)> {
    let frozen = lean_time(frozen_until, true)?;
    let issued = lean_time(issued_at, false)?;
    // `state` and `event`, and each optional member given.
    let keys = [
        true,
        true,
        frozen_until != Seen::Absent,
        issued.is_some(),
        has_config,
    ]
    .into_iter()
    .map(u32::from)
    .sum();
    Some((frozen, issued, keys))
}

/// An optional time member: absent, `null` where `nullable`, or a number.
/// (The lean readers are inlined into the binding's fast path, which
/// builds each `Seen` only for them to match: measured, the rules module
/// is 0.2 KB smaller for it.)
#[inline(always)]
fn lean_time(seen: Seen, nullable: bool) -> Option<Option<Millis>> {
    match seen {
        Seen::Absent => Some(None),
        Seen::Null if nullable => Some(None),
        Seen::Number(ms) => Some(Some(Millis::from_f64(ms).ok()?)),
        _ => None,
    }
}

/// The freshness policy of `admit`; omitted fields take the nodes' values.
#[inline(never)]
pub(crate) fn policy<V: Input>(value: &V, path: &Path<'_>) -> Result<Policy, InputError> {
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

/// The policy decoder for a reader of tags and numbers: what it saw under
/// `freshnessWindowMs` and `futureSkewMs` of a policy object. The policy
/// and the key count.
#[inline(always)]
pub fn lean_policy(window: Seen, skew: Seen) -> Option<(Policy, u32)> {
    let defaults = Policy::default();
    let field = |seen: Seen, default: Millis| Some(lean_time(seen, false)?.unwrap_or(default));
    let policy = Policy {
        freshness_window_ms: field(window, defaults.freshness_window_ms)?,
        future_skew_ms: field(skew, defaults.future_skew_ms)?,
    };
    let keys = [window, skew]
        .into_iter()
        .map(|seen| u32::from(seen != Seen::Absent))
        .sum();
    Some((policy, keys))
}

/// The options of `Machine.allowedActions`: `{frozenUntil?}`.
#[inline(never)]
pub(crate) fn allowed_options<V: Input>(
    value: &V,
    path: &Path<'_>,
) -> Result<Option<Millis>, InputError> {
    if value.shape() == Shape::Undefined {
        return Ok(None);
    }
    let mut reader = ObjectReader::open(value, path, InvalidInput, "an options object")?;
    let frozen_until = nullable_timestamp(&mut reader, "frozenUntil")?;
    reader.finish(&["frozenUntil"])?;
    Ok(frozen_until)
}

/// The `allowedActions` options decoder for a reader of tags and numbers: what it saw under
/// `frozenUntil` of an options object. The freeze's end and the key count.
pub fn lean_allowed_options(frozen_until: Seen) -> Option<(Option<Millis>, u32)> {
    let until = lean_time(frozen_until, true)?;
    Some((until, u32::from(frozen_until != Seen::Absent)))
}
