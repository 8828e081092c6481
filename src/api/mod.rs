//! The API over untrusted values: decode every argument, in order, then
//! apply the rule. The JavaScript binding runs these over the values its codec writes and
//! this crate's [`crate::json`] over JSON, so every build reports the same
//! error for the same bad call. The binding's interface to this crate: it
//! implements [`Input`] and calls these functions, nothing else.

use alloc::vec::Vec;

mod calls;
pub use calls::{Arg, Call};

use crate::decode::{self, Input, Path, Shape};
use crate::error::{InputError, InputErrorCode};
use crate::event::Event;
use crate::machine::Machine;
use crate::packed::{FleetColumns, PackedOutcome, PackedReplay};
use crate::replay::{Replay, ReplayOutcome};
use crate::state::MaintenanceState;
use crate::time::Millis;
use crate::verdict::{Decision, Verdict};
use crate::{AdmissionRequest, Conditions, Config, Entry, Policy, Stage, Verification};

pub fn is_valid_successor<V: Input>(from: &V, to: &V) -> Result<bool, InputError> {
    let (from, to) = successor_args(from, to)?;
    Ok(crate::is_valid_successor(&from, &to))
}

/// The arguments of [`is_valid_successor`], decoded.
pub fn successor_args<V: Input>(
    from: &V,
    to: &V,
) -> Result<(MaintenanceState, MaintenanceState), InputError> {
    let from = decode::state(from, &Path::Root("from"))?;
    let to = decode::state(to, &Path::Root("to"))?;
    Ok((from, to))
}

pub fn transition<V: Input>(
    state: &V,
    event: &V,
    now: &V,
    config: &V,
) -> Result<Verdict, InputError> {
    let (state, decision) = decide(state, event, now, config)?;
    Ok(decision.into_verdict(&state))
}

/// [`transition`] as a [`Decision`], with the decoded state it applies to.
pub fn decide<V: Input>(
    state: &V,
    event: &V,
    now: &V,
    config: &V,
) -> Result<(MaintenanceState, Decision), InputError> {
    let (state, event, now, config) = transition_args(state, event, now, config)?;
    let decision = crate::decide(&state, &event, now, &config);
    Ok((state, decision))
}

/// The arguments of [`transition`], decoded in order.
pub fn transition_args<V: Input>(
    state: &V,
    event: &V,
    now: &V,
    config: &V,
) -> Result<(MaintenanceState, Event, Millis, Config), InputError> {
    let state = decode::state(state, &Path::Root("state"))?;
    let event = decode::event(event, &Path::Root("event"))?;
    let now = decode::timestamp(now, &Path::Root("now"))?;
    let config = decode::config(config, &Path::Root("config"))?;
    Ok((state, event, now, config))
}

pub fn reconcile<V: Input>(
    state: &V,
    conditions: &V,
    now: &V,
    config: &V,
) -> Result<Option<MaintenanceState>, InputError> {
    let (state, conditions, now, config) = reconcile_args(state, conditions, now, config)?;
    Ok(crate::reconcile(&state, &conditions, now, &config))
}

/// The arguments of [`reconcile`], decoded in order.
pub fn reconcile_args<V: Input>(
    state: &V,
    conditions: &V,
    now: &V,
    config: &V,
) -> Result<(MaintenanceState, Conditions, Millis, Config), InputError> {
    let state = decode::state(state, &Path::Root("state"))?;
    let conditions = decode::conditions(
        conditions,
        &Path::Root("conditions"),
        InputErrorCode::InvalidInput,
    )?;
    let now = decode::timestamp(now, &Path::Root("now"))?;
    let config = decode::config(config, &Path::Root("config"))?;
    Ok((state, conditions, now, config))
}

/// Decodes the entries one at a time as they are replayed, so a chain of
/// millions is never copied; a malformed entry fails the whole call.
pub fn replay<V: Input>(entries: &V, options: &V) -> Result<ReplayOutcome, InputError> {
    let (initial, config) = replay_options(options)?;
    let mut replay = Replay::new(initial, config);
    decode::for_each_element(entries, &Path::Root("entries"), |element, path| {
        let entry = decode::entry(element, path)?;
        replay.push(entry.at, &entry.event);
        Ok(())
    })?;
    Ok(replay.finish())
}

/// `entries`, the chain `replay` folds: an array, and its length. A binding
/// that walks the array itself decodes each element with [`replay_entry`].
pub fn replay_entries<V: Input>(entries: &V) -> Result<usize, InputError> {
    let path = Path::Root("entries");
    if let Some(thrown) = entries.thrown() {
        return Err(decode::threw(
            InputErrorCode::InvalidInput,
            &path,
            "reading the length",
            &thrown,
        ));
    }
    if entries.shape() != Shape::Array {
        return Err(decode::expected(
            InputErrorCode::InvalidInput,
            &path,
            "an array",
            entries,
        ));
    }
    entries.length().map_err(|thrown| {
        decode::threw(
            InputErrorCode::InvalidInput,
            &path,
            "reading the length",
            &thrown,
        )
    })
}

/// The entry at `index` of `replay`'s chain (`entries[index]`).
pub fn replay_entry<V: Input>(entry: &V, index: usize) -> Result<Entry, InputError> {
    let entries = Path::Root("entries");
    let path = entries.index(index);
    if let Some(thrown) = entry.thrown() {
        return Err(decode::threw(
            InputErrorCode::InvalidInput,
            &path,
            "reading the element",
            &thrown,
        ));
    }
    decode::entry(entry, &path)
}

/// `{initial?, config?}`, the options of `replay` and `replayPacked`.
pub fn replay_options<V: Input>(options: &V) -> Result<(MaintenanceState, Config), InputError> {
    let options = decode::replay_options(options, &Path::Root("options"))?;
    Ok((options.initial, options.config))
}

/// The argument of the predicates (`rank`, `since`, ...).
pub fn state<V: Input>(state: &V) -> Result<MaintenanceState, InputError> {
    decode::state(state, &Path::Root("state"))
}

/// A `config` argument.
pub fn config<V: Input>(config: &V) -> Result<Config, InputError> {
    decode::config(config, &Path::Root("config"))
}

/// `new Machine(options)`.
pub fn machine<V: Input>(options: &V) -> Result<Machine, InputError> {
    let (state, config) = machine_options(options)?;
    Ok(Machine::new(state, config))
}

/// `{state?, config?}`, the options of `new Machine`, decoded.
pub fn machine_options<V: Input>(options: &V) -> Result<(MaintenanceState, Config), InputError> {
    let options = decode::machine_options(options, &Path::Root("options"))?;
    Ok((options.state, options.config))
}

/// The arguments of `Machine.check` and `Machine.apply`.
pub fn event_at<V: Input>(event: &V, now: &V) -> Result<(Event, Millis), InputError> {
    let event = decode::event(event, &Path::Root("event"))?;
    let now = timestamp(now)?;
    Ok((event, now))
}

/// A `now` argument.
pub fn timestamp<V: Input>(now: &V) -> Result<Millis, InputError> {
    decode::timestamp(now, &Path::Root("now"))
}

/// `admit(request, now, policy)`.
pub fn admit<V: Input>(
    request: &V,
    now: &V,
    policy: &V,
) -> Result<(MaintenanceState, Stage, Decision), InputError> {
    let (request, now, policy) = admission_args(request, now, policy)?;
    let (stage, decision) = crate::admission_decision(&request, now, &policy);
    Ok((request.state, stage, decision))
}

/// The arguments of [`admit`], decoded in order.
pub fn admission_args<V: Input>(
    request: &V,
    now: &V,
    policy: &V,
) -> Result<(AdmissionRequest, Millis, Policy), InputError> {
    let request = decode::admission_request(request, &Path::Root("request"))?;
    let now = timestamp(now)?;
    let policy = decode::policy(policy, &Path::Root("policy"))?;
    Ok((request, now, policy))
}

/// The arguments of `Machine.allowedActions`: `now` and `{frozenUntil?}`.
pub fn allowed_at<V: Input>(now: &V, options: &V) -> Result<(Millis, Option<Millis>), InputError> {
    let now = timestamp(now)?;
    let frozen_until = decode::allowed_options(options, &Path::Root("options"))?;
    Ok((now, frozen_until))
}

/// `fromView(view, observedAt, dialect)`: the dialect is read first, since
/// it says how to read the view.
pub fn from_view<V: Input>(
    view: &V,
    observed_at: &V,
    dialect: &V,
) -> Result<MaintenanceState, InputError> {
    let dialect = decode::dialect(dialect, &Path::Root("dialect"))?;
    let view = decode::view(view, &Path::Root("view"), dialect)?;
    let observed_at = decode::timestamp(observed_at, &Path::Root("observedAt"))?;
    Ok(crate::from_view(&view, observed_at))
}

/// `toView(state, now, dialect)`, as the dialect's JSON-like shape.
pub fn to_view<V: Input>(state: &V, now: &V, dialect: &V) -> Result<crate::Plain, InputError> {
    let state = decode::state(state, &Path::Root("state"))?;
    let now = timestamp(now)?;
    let dialect = decode::dialect(dialect, &Path::Root("dialect"))?;
    Ok(crate::to_view(&state, now).encode(dialect))
}

/// `adminSigningPayload(command, issuedAt)`.
pub fn admin_signing_payload<V: Input>(command: &V, issued_at: &V) -> Result<Vec<u8>, InputError> {
    let command = decode::admin_command(command, &Path::Root("command"))?;
    let issued_at = decode::timestamp(issued_at, &Path::Root("issuedAt"))?;
    Ok(crate::admin_signing_payload(&command, issued_at))
}

/// `prepareAdminCommit(commit, now, registry, policy)`: every check of a
/// signed commit but the cryptography.
pub fn prepare_admin_commit<V: Input>(
    commit: &V,
    now: &V,
    registry: &V,
    policy: &V,
) -> Result<Verification, InputError> {
    let commit = decode::signed_commit(commit, &Path::Root("commit"))?;
    let now = timestamp(now)?;
    let registry = decode::registry(registry, &Path::Root("registry"))?;
    let policy = decode::policy(policy, &Path::Root("policy"))?;
    Ok(crate::prepare_verification(
        &commit, now, &policy, &registry,
    ))
}

/// `checkOperatorRegistry(registry)`: how many operators it names.
pub fn operator_registry<V: Input>(registry: &V) -> Result<usize, InputError> {
    decode::registry(registry, &Path::Root("registry")).map(|registry| registry.len())
}

/// The `Uint8Array` member `name` of the columns object `reader` reads.
fn byte_column<V: Input>(
    reader: &mut decode::ObjectReader<'_, '_, V>,
    name: &'static str,
) -> Result<Vec<u8>, InputError> {
    let column = reader.required(name)?;
    column
        .bytes(usize::MAX)
        .and_then(Result::ok)
        .ok_or_else(|| {
            let path = reader.path().field(name);
            decode::expected(InputErrorCode::InvalidInput, &path, "a Uint8Array", &column)
        })
}

/// The `Float64Array` member `name` of the columns object `reader` reads.
fn float_column<V: Input>(
    reader: &mut decode::ObjectReader<'_, '_, V>,
    name: &'static str,
) -> Result<Vec<f64>, InputError> {
    let column = reader.required(name)?;
    column.floats().ok_or_else(|| {
        let path = reader.path().field(name);
        decode::expected(
            InputErrorCode::InvalidInput,
            &path,
            "a Float64Array",
            &column,
        )
    })
}

/// `replayPacked(columns, options)`, the columns read whole.
pub fn replay_packed<V: Input>(
    columns_value: &V,
    options: &V,
) -> Result<PackedOutcome, InputError> {
    let path = Path::Root("columns");
    let what = "a chain columns object";
    let mut reader =
        decode::ObjectReader::open(columns_value, &path, InputErrorCode::InvalidInput, what)?;
    let kind = byte_column(&mut reader, "kind")?;
    let at = float_column(&mut reader, "at")?;
    let param = float_column(&mut reader, "param")?;
    reader.finish(&["kind", "at", "param"])?;
    let (initial, config) = replay_options(options)?;
    let mut replay = PackedReplay::new(initial, config);
    replay.push(&kind, &at, &param)?;
    Ok(replay.finish())
}

/// A reconciled fleet: new columns and the indices of the nodes that moved.
#[derive(Clone, Debug, PartialEq)]
pub struct FleetOutcome {
    pub kind: Vec<u8>,
    pub since: Vec<f64>,
    pub deadline: Vec<f64>,
    pub changed: Vec<u32>,
}

/// `reconcileFleet(fleet, now, config)`, the columns read whole.
pub fn reconcile_fleet<V: Input>(
    fleet: &V,
    now: &V,
    config: &V,
) -> Result<FleetOutcome, InputError> {
    let path = Path::Root("columns");
    let what = "a fleet columns object";
    let mut reader = decode::ObjectReader::open(fleet, &path, InputErrorCode::InvalidInput, what)?;
    let mut kind = byte_column(&mut reader, "kind")?;
    let mut since = float_column(&mut reader, "since")?;
    let mut deadline = float_column(&mut reader, "deadline")?;
    let conditions = byte_column(&mut reader, "conditions")?;
    reader.finish(&["kind", "since", "deadline", "conditions"])?;
    let now = timestamp(now)?;
    let config = decode::config(config, &Path::Root("config"))?;
    let mut changed = Vec::new();
    let columns = FleetColumns {
        kinds: &mut kind,
        since: &mut since,
        deadline: &mut deadline,
        conditions: &conditions,
    };
    crate::packed::reconcile_fleet(columns, 0, now, &config, &mut changed)?;
    Ok(FleetOutcome {
        kind,
        since,
        deadline,
        changed,
    })
}

/// Whether `value` is absent (`undefined`), for optional arguments.
pub fn is_absent<V: Input>(value: &V) -> bool {
    value.shape() == Shape::Undefined
}
