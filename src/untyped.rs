//! The API over untrusted values, for the JavaScript binding and for the
//! conformance runners: decode every argument, in order, then apply the rule.
//! Keeping the argument order here means every build reports the same error
//! for the same bad call.

use crate::decode::{self, Input, Path};
use crate::{
    Decision, Event, InputError, InputErrorCode, MaintenanceState, Millis, Replay, ReplayOutcome,
    Verdict,
};

pub fn is_valid_successor<V: Input>(from: &V, to: &V) -> Result<bool, InputError> {
    let from = decode::state(from, &Path::Root("from"))?;
    let to = decode::state(to, &Path::Root("to"))?;
    Ok(crate::is_valid_successor(&from, &to))
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
    let state = decode::state(state, &Path::Root("state"))?;
    let event = decode::event(event, &Path::Root("event"))?;
    let now = decode::timestamp(now, &Path::Root("now"))?;
    let config = decode::config(config, &Path::Root("config"))?;
    let decision = crate::decide(&state, &event, now, &config);
    Ok((state, decision))
}

pub fn reconcile<V: Input>(
    state: &V,
    conditions: &V,
    now: &V,
    config: &V,
) -> Result<Option<MaintenanceState>, InputError> {
    let state = decode::state(state, &Path::Root("state"))?;
    let conditions = decode::conditions(
        conditions,
        &Path::Root("conditions"),
        InputErrorCode::InvalidInput,
    )?;
    let now = decode::timestamp(now, &Path::Root("now"))?;
    let config = decode::config(config, &Path::Root("config"))?;
    Ok(crate::reconcile(&state, &conditions, now, &config))
}

/// Decodes the entries one at a time as they are replayed, so a chain of
/// millions is never copied; a malformed entry fails the whole call.
pub fn replay<V: Input>(entries: &V, options: &V) -> Result<ReplayOutcome, InputError> {
    let options = decode::replay_options(options, &Path::Root("options"))?;
    let mut replay = Replay::new(options.initial, options.config);
    decode::for_each_element(entries, &Path::Root("entries"), |element, path| {
        let entry = decode::entry(element, path)?;
        replay.push(entry.at, &entry.event);
        Ok(())
    })?;
    Ok(replay.finish())
}

/// The argument of the predicates (`rank`, `since`, ...).
pub fn state<V: Input>(state: &V) -> Result<MaintenanceState, InputError> {
    decode::state(state, &Path::Root("state"))
}

/// `new Machine(options)`.
pub fn machine<V: Input>(options: &V) -> Result<crate::Machine, InputError> {
    let options = decode::machine_options(options, &Path::Root("options"))?;
    Ok(crate::Machine::new(options.state, options.config))
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
) -> Result<(MaintenanceState, crate::Stage, Decision), InputError> {
    let request = decode::admission_request(request, &Path::Root("request"))?;
    let now = timestamp(now)?;
    let policy = decode::policy(policy, &Path::Root("policy"))?;
    let (stage, decision) = crate::admission_decision(&request, now, &policy);
    Ok((request.state, stage, decision))
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
) -> Result<crate::Verification, InputError> {
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
