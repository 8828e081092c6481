//! The fast path: arguments arrive as the numbers of [`crate::protocol`],
//! are judged here with the core's own tables and rules, and the answer
//! leaves as one status word and [`Out`]. Zero means "not vouched for": the
//! caller takes the slow path, which judges the real values and names any
//! malformed one. Nothing here builds a JavaScript object; a message is
//! rendered only when it has no number (it names times) or when asked for
//! by number ([`message_text`]).

use mesh_maintenance::input::{
    lean_allowed_options, lean_conditions, lean_config, lean_event, lean_policy, lean_request,
    lean_state, Seen,
};
use mesh_maintenance::lean::{self, Lean, LeanDecision, LeanEvent, Reason, Target};
use mesh_maintenance::{
    AllowedActions, Conditions, Config, EventKind, Message, Millis, Policy, Profile, Stage,
    StateKind,
};

use crate::exchange::{answer_text, write_out};
use crate::protocol::{
    allowed, conditions_meta, config_meta, event_meta, policy_meta, reason, request_meta,
    state_meta, status, Out, Tag, KEY_BITS, MAX_KEYS, TAG_BITS, TAG_MASK, UNKNOWN,
};

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
    let (mut event, keys) = lean_event(
        kind,
        seen,
        || state(nested, since, deadline, reason_units),
        || conditions(nested),
    )?;
    if let LeanEvent::Observed { same_reason, .. } = &mut event {
        *same_reason = bits(meta, event_meta::SAME_REASON, 1) == 1;
    }
    (bits(meta, event_meta::KEYS, KEY_BITS) == keys).then_some(event)
}

/// A status word for a decision, [`Out`] written; a message without a
/// number is rendered into the output buffer ([`status::TEXT`]).
fn answer(decision: LeanDecision, waited_default: f64) -> u32 {
    let (message, text) = match decision.message().id() {
        Some(id) => (id << status::MESSAGE, 0),
        None => (1 << status::TEXT, answer_text(&decision.message().render())),
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
        | message;
    if let Some(to) = to {
        word |= u32::from(to.kind.code()) << status::TO_KIND;
        if to.deadline.is_some() {
            word |= 1 << status::HAS_DEADLINE;
        }
    }
    write_out(Out {
        since: to.map_or(0.0, |to| to.since.as_f64()),
        deadline: to.and_then(|to| to.deadline).map_or(0.0, Millis::as_f64),
        waited,
        text: f64::from(text),
    });
    word
}

/// `transition` (and `Machine.check`/`apply`) on numbers.
#[export_name = "fastTransition"]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn fast_transition(
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
    let (Some(now), Some(config)) = (time(now), config(config_meta, default_drain, ramp)) else {
        return 0;
    };
    answer(lean::decide(state, event, now, &config), 0.0)
}

/// `Machine.allowedActions(now, options)` on numbers: `options` is absent
/// or an object (its tag) with `options_keys` keys and `frozenUntil` as
/// tagged. 0 slow, else OK and a bit per button ([`allowed`]).
#[export_name = "fastAllowed"]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn fast_allowed(
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

/// `admit`'s policy: absent (the nodes' values) or an object, judged by
/// [`lean_policy`].
fn policy(meta: u32, window: f64, skew: f64) -> Option<Policy> {
    match tag(meta, policy_meta::SHAPE) {
        Tag::Absent => return Some(Policy::default()),
        Tag::Other => {}
        _ => return None,
    }
    let (policy, keys) = lean_policy(
        seen(tag(meta, policy_meta::WINDOW), window, 0),
        seen(tag(meta, policy_meta::SKEW), skew, 0),
    )?;
    (bits(meta, policy_meta::KEYS, KEY_BITS) == keys).then_some(policy)
}

/// `admit(request, now, policy)` on numbers: the request's state, event
/// and config as for [`fast_transition`], its own meta ([`request_meta`])
/// with `frozenUntil` and `issuedAt` beside it, and the policy's.
#[export_name = "fastAdmit"]
#[allow(clippy::too_many_arguments)]
pub extern "C" fn fast_admit(
    state_meta: u32,
    since: f64,
    deadline: f64,
    reason_units: u32,
    event_meta: u32,
    param: f64,
    request_meta: u32,
    frozen_until: f64,
    issued_at: f64,
    now: f64,
    config_meta: u32,
    default_drain: f64,
    ramp: f64,
    policy_meta: u32,
    window: f64,
    skew: f64,
) -> u32 {
    let (Some(state), Some(action), Some((frozen_until, issued_at, keys))) = (
        state(state_meta, since, deadline, reason_units),
        event(event_meta, param, 0, 0.0, 0.0, 0).and_then(LeanEvent::operator_action),
        lean_request(
            seen(tag(request_meta, request_meta::FROZEN), frozen_until, 0),
            seen(tag(request_meta, request_meta::ISSUED), issued_at, 0),
            tag(config_meta, config_meta::SHAPE) != Tag::Absent,
        ),
    ) else {
        return 0;
    };
    let (Some(now), Some(config), Some(policy)) = (
        time(now),
        config(config_meta, default_drain, ramp),
        policy(policy_meta, window, skew),
    ) else {
        return 0;
    };
    if bits(request_meta, request_meta::KEYS, KEY_BITS) != keys {
        return 0;
    }
    let (stage, decision) = lean::admit(
        state,
        action,
        frozen_until,
        issued_at,
        now,
        &config,
        &policy,
    );
    answer(decision, 0.0) | u32::from(stage.code()) << status::STAGE
}

/// The text of a message a fast answer gave by number, as the answer.
#[export_name = "messageText"]
pub extern "C" fn message_text(id: u32) -> u32 {
    answer_text(
        &Message::from_id(id)
            .map(|message| message.render())
            .unwrap_or_default(),
    )
}

/// Reconcile's `DrainFailed` reason after `waited` ms, as the answer.
#[export_name = "elapsedReason"]
pub extern "C" fn elapsed_reason(waited: f64) -> u32 {
    answer_text(
        &Reason::Elapsed(time(waited).unwrap_or(Millis::ZERO)).render(alloc::string::String::new),
    )
}

const _: () = assert!(MAX_KEYS < 1 << KEY_BITS && UNKNOWN == TAG_MASK);
const _: () = assert!(Stage::ALL.len() <= 4);
