//! The fast path: arguments arrive as the numbers of [`crate::protocol`],
//! are judged here with the core's own tables and rules, and the answer
//! leaves as one status word and [`Out`]. Zero means "not vouched for": the
//! caller takes the slow path, which judges the real values and names any
//! malformed one. Nothing here builds a string or a JavaScript object.

use core::cell::UnsafeCell;

use mesh_maintenance::input::{lean_event, Seen};
use mesh_maintenance::lean::{self, Lean, LeanDecision, LeanEvent, Reason, Target};
use mesh_maintenance::{
    AllowedActions, Condition, Conditions, Config, EventKind, Millis, Profile, StateField,
    StateKind, MAX_REASON_BYTES,
};
use wasm_bindgen::prelude::*;

use crate::protocol::{
    conditions_meta, config_meta, event_meta, reason, state_meta, status, Out, Tag, MAX_KEYS,
    TAG_BITS, TAG_MASK, UNKNOWN,
};

/// A value for the module's one thread: `wasm32-unknown-unknown` without
/// the `atomics` feature cannot run Rust on a second thread.
struct Global<T>(UnsafeCell<T>);

// SAFETY: there is no second thread to share it with (see above).
unsafe impl<T> Sync for Global<T> {}

#[cfg(target_feature = "atomics")]
compile_error!("the fast path's output buffer assumes a single-threaded wasm module");

static OUT: Global<Out> = Global(UnsafeCell::new(Out {
    since: 0.0,
    deadline: 0.0,
    waited: 0.0,
}));

/// Where [`Out`] sits in the module's memory.
#[wasm_bindgen(js_name = outPointer)]
pub fn out_pointer() -> usize {
    OUT.0.get() as usize
}

fn write_out(out: Out) {
    // SAFETY: single-threaded (see `Global`), and no reference to OUT lives
    // across this write.
    unsafe { *OUT.0.get() = out };
}

fn bits(meta: u32, shift: u32, width: u32) -> u32 {
    (meta >> shift) & ((1 << width) - 1)
}

fn tag(meta: u32, shift: u32) -> Tag {
    Tag::of(meta >> shift)
}

fn time(value: f64) -> Option<Millis> {
    Millis::from_f64(value).ok()
}

/// A state record: the kind, then each of its fields as the reader saw it;
/// a field the kind does not carry must be absent, and the key count must
/// be exactly the fields present.
fn state(meta: u32, since: f64, deadline: f64, reason_units: u32) -> Option<Lean> {
    let kind = StateKind::from_code(u8::try_from(bits(meta, state_meta::KIND, TAG_BITS)).ok()?)?;
    let fields = [
        (StateField::Since, tag(meta, state_meta::SINCE)),
        (StateField::Deadline, tag(meta, state_meta::DEADLINE)),
        (StateField::Reason, tag(meta, state_meta::REASON)),
    ];
    let mut present = 1;
    let mut lean = Lean {
        kind,
        since: Millis::ZERO,
        deadline: None,
    };
    for (field, seen) in fields {
        if seen == Tag::Absent {
            if field == StateField::Since && kind.has(field)
                || field == StateField::Reason && kind.has(field)
            {
                return None;
            }
            continue;
        }
        if !kind.has(field) {
            return None;
        }
        present += 1;
        match (field, seen) {
            (StateField::Since, Tag::Number) => lean.since = time(since)?,
            (StateField::Deadline, Tag::Null) => {}
            (StateField::Deadline, Tag::Number) => lean.deadline = Some(time(deadline)?),
            // At most 3 UTF-8 bytes per UTF-16 unit: surely within the limit.
            (StateField::Reason, Tag::String)
                if (reason_units as usize).saturating_mul(3) <= MAX_REASON_BYTES => {}
            _ => return None,
        }
    }
    (bits(meta, state_meta::KEYS, 5) == present).then_some(lean)
}

/// A conditions record: each flag `true`, `false` or absent.
fn conditions(meta: u32) -> Option<Conditions> {
    if Tag::of(meta >> conditions_meta::SHAPE) != Tag::Other {
        // The reader marks a plain object as `Other` (an object, no scalar).
        return None;
    }
    let mut conditions = Conditions::default();
    let mut present = 0;
    for (index, condition) in Condition::ALL.into_iter().enumerate() {
        let shift = conditions_meta::FLAGS + TAG_BITS * index as u32;
        match tag(meta, shift) {
            Tag::True => conditions.set(condition, true),
            Tag::False => {}
            Tag::Absent => continue,
            _ => return None,
        }
        present += 1;
    }
    (bits(meta, conditions_meta::KEYS, 5) == present).then_some(conditions)
}

/// A config record: absent (the defaults) or an object of known fields,
/// the profile read first since it decides the other defaults.
fn config(meta: u32, default_drain: f64, ramp: f64) -> Option<Config> {
    match tag(meta, config_meta::SHAPE) {
        Tag::Absent => return Some(Config::default()),
        Tag::Other => {}
        _ => return None,
    }
    let mut present = 0;
    let profile = match bits(meta, config_meta::PROFILE, TAG_BITS) {
        0 => Profile::Strict,
        code => {
            present += 1;
            *Profile::ALL.get(usize::try_from(code).ok()?.checked_sub(1)?)?
        }
    };
    let mut config = Config::for_profile(profile);
    match tag(meta, config_meta::DEFAULT_DRAIN) {
        Tag::Absent => {}
        Tag::Null => {
            present += 1;
            config.default_drain_for_ms = None;
        }
        Tag::Number => {
            present += 1;
            config.default_drain_for_ms = Some(time(default_drain)?);
        }
        _ => return None,
    }
    match tag(meta, config_meta::RAMP) {
        Tag::Absent => {}
        Tag::Number => {
            present += 1;
            config.recovery_ramp_window_ms = time(ramp)?;
        }
        _ => return None,
    }
    (bits(meta, config_meta::KEYS, 5) == present).then_some(config)
}

/// An event record, its observed state or conditions beside it.
#[allow(clippy::too_many_arguments)]
fn event(
    meta: u32,
    param: f64,
    nested: u32,
    since: f64,
    deadline: f64,
    reason_units: u32,
) -> Option<LeanEvent> {
    let kind = EventKind::ALL
        .get(bits(meta, event_meta::TYPE, TAG_BITS) as usize)
        .copied()?;
    // The reader reports a scalar field's tag, or an object under the
    // nested field; never both.
    let seen = match (tag(meta, event_meta::FIELD), tag(meta, event_meta::NESTED)) {
        (Tag::Absent, Tag::Other) => Seen::Object,
        (field, Tag::Absent) => match field {
            Tag::Absent => Seen::Absent,
            Tag::Null => Seen::Null,
            Tag::False => Seen::False,
            Tag::True => Seen::True,
            Tag::Number => Seen::Number(param),
            _ => Seen::Other,
        },
        _ => return None,
    };
    let (event, keys) = lean_event(
        kind,
        seen,
        || state(nested, since, deadline, reason_units),
        || conditions(nested),
    )?;
    (bits(meta, event_meta::KEYS, 5) == keys).then_some(event)
}

/// A status word for a decision, [`Out`] written.
fn answer(decision: LeanDecision, waited_default: f64) -> u32 {
    let Some(message) = decision.message().id() else {
        return 0;
    };
    let outcome = u32::from(decision.outcome().code());
    let code = decision.code().map_or(0, |code| u32::from(code.code()));
    let (to, why) = match decision {
        LeanDecision::Applied {
            to: Target { state, reason },
            ..
        } => (Some(state), reason),
        LeanDecision::Unchanged { .. } | LeanDecision::Rejected { .. } => (None, Reason::None),
    };
    let (reason_code, waited) = match why {
        Reason::None => (reason::NONE, waited_default),
        Reason::Observed => (reason::OBSERVED, waited_default),
        Reason::Elapsed(waited) => (reason::ELAPSED, waited.as_f64()),
    };
    let mut word = status::OK
        | outcome << status::OUTCOME
        | code << status::CODE
        | reason_code << status::REASON
        | message << status::MESSAGE;
    if let Some(to) = to {
        word |= u32::from(to.kind.code()) << status::TO_KIND;
        if to.deadline.is_some() {
            word |= 1 << status::HAS_DEADLINE;
        }
        write_out(Out {
            since: to.since.as_f64(),
            deadline: to.deadline.map_or(0.0, Millis::as_f64),
            waited,
        });
    }
    word
}

/// `transition` (and `Machine.check`/`apply`) on numbers.
#[wasm_bindgen(js_name = fastTransition)]
#[allow(clippy::too_many_arguments)]
pub fn fast_transition(
    state_meta: u32,
    since: f64,
    deadline: f64,
    reason_units: u32,
    event_meta: u32,
    param: f64,
    nested_meta: u32,
    nested_since: f64,
    nested_deadline: f64,
    nested_reason: u32,
    now: f64,
    config_meta: u32,
    default_drain: f64,
    ramp: f64,
) -> u32 {
    let Some(state) = state(state_meta, since, deadline, reason_units) else {
        return 0;
    };
    let Some(event) = event(
        event_meta,
        param,
        nested_meta,
        nested_since,
        nested_deadline,
        nested_reason,
    ) else {
        return 0;
    };
    // Two reasons to compare: the slow path has the strings.
    if let LeanEvent::Observed {
        state: observed, ..
    } = event
    {
        if observed.kind == StateKind::DrainFailed && state.kind == StateKind::DrainFailed {
            return 0;
        }
    }
    let (Some(now), Some(config)) = (time(now), config(config_meta, default_drain, ramp)) else {
        return 0;
    };
    answer(lean::decide(state, event, now, &config), 0.0)
}

/// `reconcile` on numbers: the status of a `Reconcile` event.
#[wasm_bindgen(js_name = fastReconcile)]
#[allow(clippy::too_many_arguments)]
pub fn fast_reconcile(
    state_meta: u32,
    since: f64,
    deadline: f64,
    reason_units: u32,
    conditions_meta: u32,
    now: f64,
    config_meta: u32,
    default_drain: f64,
    ramp: f64,
) -> u32 {
    let (Some(state), Some(conditions), Some(now), Some(config)) = (
        state(state_meta, since, deadline, reason_units),
        conditions(conditions_meta),
        time(now),
        config(config_meta, default_drain, ramp),
    ) else {
        return 0;
    };
    answer(
        lean::decide(state, LeanEvent::Reconcile { conditions }, now, &config),
        0.0,
    )
}

/// `isValidSuccessor` on numbers: 0 slow, 1 false, 3 true.
#[wasm_bindgen(js_name = fastSuccessor)]
#[allow(clippy::too_many_arguments)]
pub fn fast_successor(
    a_meta: u32,
    a_since: f64,
    a_deadline: f64,
    a_reason: u32,
    b_meta: u32,
    b_since: f64,
    b_deadline: f64,
    b_reason: u32,
) -> u32 {
    match (
        state(a_meta, a_since, a_deadline, a_reason),
        state(b_meta, b_since, b_deadline, b_reason),
    ) {
        (Some(from), Some(to)) => {
            status::OK | u32::from(from.kind.is_valid_successor(to.kind)) << 1
        }
        _ => 0,
    }
}

/// The predicates on numbers: 0 slow, else OK | isNonActive << 1 |
/// isSteadyMaintenance << 2 | rank << 3 | (has a since) << 6.
#[wasm_bindgen(js_name = fastPredicates)]
pub fn fast_predicates(meta: u32, since: f64, deadline: f64, reason_units: u32) -> u32 {
    let Some(lean) = state(meta, since, deadline, reason_units) else {
        return 0;
    };
    let state = lean.to_state(alloc::string::String::new);
    status::OK
        | u32::from(state.is_non_active()) << 1
        | u32::from(state.is_steady_maintenance()) << 2
        | u32::from(state.rank()) << 3
        | u32::from(state.since().is_some()) << 6
}

/// `Machine.allowedActions(now, {frozenUntil})` on numbers: 0 slow, else
/// OK | enter << 1 | exit << 2 | force << 3.
#[wasm_bindgen(js_name = fastAllowed)]
#[allow(clippy::too_many_arguments)]
pub fn fast_allowed(
    state_meta: u32,
    since: f64,
    deadline: f64,
    reason_units: u32,
    now: f64,
    frozen_tag: u32,
    frozen_until: f64,
    config_meta: u32,
    default_drain: f64,
    ramp: f64,
) -> u32 {
    let frozen_until = match Tag::of(frozen_tag) {
        Tag::Absent | Tag::Null => None,
        Tag::Number => match time(frozen_until) {
            Some(until) => Some(until),
            None => return 0,
        },
        _ => return 0,
    };
    let (Some(lean), Some(now), Some(config)) = (
        state(state_meta, since, deadline, reason_units),
        time(now),
        config(config_meta, default_drain, ramp),
    ) else {
        return 0;
    };
    let AllowedActions {
        enter_maintenance,
        exit_maintenance,
        force_exit,
    } = lean::allowed(lean, &config, now, frozen_until);
    status::OK
        | u32::from(enter_maintenance) << 1
        | u32::from(exit_maintenance) << 2
        | u32::from(force_exit) << 3
}

const _: () = assert!(MAX_KEYS < 32 && UNKNOWN == TAG_MASK);
