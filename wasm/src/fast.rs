//! The fast path: arguments arrive as the numbers of [`crate::protocol`],
//! are judged here with the core's own tables and rules, and the answer
//! leaves as one status word and [`Out`]. Zero means "not vouched for": the
//! caller takes the slow path, which judges the real values and names any
//! malformed one. Nothing here builds a string or a JavaScript object.

use core::cell::UnsafeCell;

use mesh_maintenance::input::{
    lean_allowed_options, lean_conditions, lean_config, lean_event, lean_state, Seen,
};
use mesh_maintenance::lean::{self, Lean, LeanDecision, LeanEvent, Reason, Target};
use mesh_maintenance::{AllowedActions, Conditions, Config, EventKind, Millis, Profile, StateKind};
use wasm_bindgen::prelude::*;

use crate::protocol::{
    allowed, conditions_meta, config_meta, event_meta, predicates, reason, state_meta, status,
    successor, Out, Tag, KEY_BITS, MAX_KEYS, TAG_BITS, TAG_MASK, UNKNOWN,
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

/// What a reader saw, as the core's decoders take it: `number` beside a
/// number tag, `units` (UTF-16 code units) beside a string tag.
fn seen(tag: Tag, number: f64, units: u32) -> Seen {
    match tag {
        Tag::Absent => Seen::Absent,
        Tag::Null => Seen::Null,
        Tag::True => Seen::True,
        Tag::False => Seen::False,
        Tag::Number => Seen::Number(number),
        Tag::String => Seen::String(units as usize),
        Tag::Other => Seen::Other,
    }
}

/// A state record: the kind, then each field's tag; judged by the core
/// ([`lean_state`]), and the key count must be what it expects.
fn state(meta: u32, since: f64, deadline: f64, reason_units: u32) -> Option<Lean> {
    let kind = StateKind::from_code(u8::try_from(bits(meta, state_meta::KIND, TAG_BITS)).ok()?)?;
    let fields = [
        seen(tag(meta, state_meta::SINCE), since, 0),
        seen(tag(meta, state_meta::DEADLINE), deadline, 0),
        seen(tag(meta, state_meta::REASON), 0.0, reason_units),
    ];
    let (lean, keys) = lean_state(kind, fields)?;
    (bits(meta, state_meta::KEYS, KEY_BITS) == keys).then_some(lean)
}

/// A conditions record: a plain object (the reader marks it `Other`) and
/// each flag's tag, judged by [`lean_conditions`].
fn conditions(meta: u32) -> Option<Conditions> {
    if tag(meta, conditions_meta::SHAPE) != Tag::Other {
        return None;
    }
    let flag = |index: u32| seen(tag(meta, conditions_meta::FLAGS + TAG_BITS * index), 0.0, 0);
    let (conditions, keys) = lean_conditions([flag(0), flag(1), flag(2), flag(3)])?;
    (bits(meta, conditions_meta::KEYS, KEY_BITS) == keys).then_some(conditions)
}

/// A config record: absent (the defaults) or an object whose profile code
/// (0 absent, else 1 + its position in `Profile::ALL`) and fields are
/// judged by [`lean_config`].
fn config(meta: u32, default_drain: f64, ramp: f64) -> Option<Config> {
    match tag(meta, config_meta::SHAPE) {
        Tag::Absent => return Some(Config::default()),
        Tag::Other => {}
        _ => return None,
    }
    let profile = match bits(meta, config_meta::PROFILE, TAG_BITS) {
        0 => None,
        code => Some(*Profile::ALL.get(usize::try_from(code).ok()?.checked_sub(1)?)?),
    };
    let (config, keys) = lean_config(
        profile,
        seen(tag(meta, config_meta::DEFAULT_DRAIN), default_drain, 0),
        seen(tag(meta, config_meta::RAMP), ramp, 0),
    )?;
    (bits(meta, config_meta::KEYS, KEY_BITS) == keys).then_some(config)
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
    (bits(meta, event_meta::KEYS, KEY_BITS) == keys).then_some(event)
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
            status::OK | u32::from(from.kind.is_valid_successor(to.kind)) << successor::VALID
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
        | u32::from(state.is_non_active()) << predicates::NON_ACTIVE
        | u32::from(state.is_steady_maintenance()) << predicates::STEADY
        | u32::from(state.rank()) << predicates::RANK
        | u32::from(state.since().is_some()) << predicates::HAS_SINCE
}

/// `Machine.allowedActions(now, options)` on numbers: `options` is absent
/// or an object (its tag) with `options_keys` keys and `frozenUntil` as
/// tagged. 0 slow, else OK and a bit per button ([`allowed`]).
#[wasm_bindgen(js_name = fastAllowed)]
#[allow(clippy::too_many_arguments)]
pub fn fast_allowed(
    state_meta: u32,
    since: f64,
    deadline: f64,
    reason_units: u32,
    now: f64,
    options_tag: u32,
    options_keys: u32,
    frozen_tag: u32,
    frozen_until: f64,
    config_meta: u32,
    default_drain: f64,
    ramp: f64,
) -> u32 {
    let frozen_until = match Tag::of(options_tag) {
        Tag::Absent => None,
        Tag::Other => match lean_allowed_options(seen(Tag::of(frozen_tag), frozen_until, 0)) {
            Some((until, keys)) if keys == options_keys => until,
            _ => return 0,
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
        | u32::from(enter_maintenance) << allowed::ENTER
        | u32::from(exit_maintenance) << allowed::EXIT
        | u32::from(force_exit) << allowed::FORCE
}

const _: () = assert!(MAX_KEYS < 1 << KEY_BITS && UNKNOWN == TAG_MASK);
