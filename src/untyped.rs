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
