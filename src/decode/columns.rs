//! Strict decoding of the columnar forms ([`crate::packed`]), and their
//! event codes: an entry of
//! a packed chain or a node of a packed fleet, judged by the same per-kind
//! table ([`StateKind::fields`]) and worded like the object decoders. The
//! judging returns a small [`Problem`] so the loops over millions of entries
//! carry no error; the message is only written for the one that fails.

use super::input::js_number;
use super::object::fail;
use super::types::SAFE_INTEGER;
use super::Path;
use crate::conditions::Conditions;
use crate::error::{InputError, InputErrorCode};
use crate::lean::{Lean, LeanEvent};
use crate::state::{StateField, StateKind};
use crate::text::{decimal, Text};
use crate::time::Millis;

use InputErrorCode::{InvalidEvent, InvalidInput, InvalidState, InvalidTimestamp};

pub const ENTER_MAINTENANCE: u8 = 0;
pub const EXIT_MAINTENANCE: u8 = 1;
pub const FORCE_EXIT: u8 = 2;
pub const RECONCILE: u8 = 3;
/// `OBSERVED + kind` is a `TransitionObserved` event.
pub const OBSERVED: u8 = 8;

/// What an event code stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EventCode {
    Enter,
    Exit,
    ForceExit,
    Reconcile,
    Observed(StateKind),
}

fn event_code(code: u8) -> Option<EventCode> {
    match code {
        ENTER_MAINTENANCE => Some(EventCode::Enter),
        EXIT_MAINTENANCE => Some(EventCode::Exit),
        FORCE_EXIT => Some(EventCode::ForceExit),
        RECONCILE => Some(EventCode::Reconcile),
        _ => StateKind::from_code(code.checked_sub(OBSERVED)?).map(EventCode::Observed),
    }
}

/// The largest state kind code.
const LAST_KIND: u8 = StateKind::Recovery.code();

/// What is wrong with a column value, before any text is written.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Problem {
    /// Not a time in the domain.
    Time(&'static str, f64, InputErrorCode),
    /// A parameter this event does not use, other than 0 or NaN.
    Unused(f64),
    /// Not condition bits.
    Bits(f64),
    /// A value where `kind` has no such field.
    NoField(StateKind, StateField, &'static str, f64, InputErrorCode),
    /// A code that names no event.
    EventCode(u8),
    /// A code that names no state kind.
    StateKind(u8),
    /// Fleet condition bits out of range.
    FleetBits(u8),
}

impl Problem {
    /// The error for the entry at `index`.
    #[cold]
    #[inline(never)]
    pub(crate) fn at(self, index: usize) -> InputError {
        let (column, code, what, got) = match self {
            Problem::Time(column, value, code) => {
                (column, code, SAFE_INTEGER.into(), js_number(value))
            }
            Problem::Unused(value) => (
                "param",
                InvalidEvent,
                "0 or NaN (unused by this event)".into(),
                js_number(value),
            ),
            Problem::Bits(value) => ("param", InvalidEvent, bits_expected(), js_number(value)),
            Problem::NoField(kind, field, column, value, code) => {
                let what = Text::new()
                    .s("NaN: ")
                    .s(kind.name())
                    .s(" has no ")
                    .s(field.name())
                    .done();
                (column, code, what, js_number(value))
            }
            Problem::EventCode(code) => {
                let what = Text::new()
                    .s("an event code 0..=")
                    .n(u64::from(RECONCILE))
                    .s(" or ")
                    .n(u64::from(OBSERVED))
                    .s("..=")
                    .n(u64::from(OBSERVED.saturating_add(LAST_KIND)))
                    .done();
                ("kind", InvalidEvent, what, decimal(u64::from(code)))
            }
            Problem::StateKind(kind) => {
                let what = Text::new()
                    .s("a state kind 0..=")
                    .n(u64::from(LAST_KIND))
                    .done();
                ("kind", InvalidState, what, decimal(u64::from(kind)))
            }
            Problem::FleetBits(bits) => (
                "conditions",
                InvalidInput,
                bits_expected(),
                decimal(u64::from(bits)),
            ),
        };
        let root = Path::Root("columns");
        let column = root.field(column);
        let problem = Text::new()
            .s("expected ")
            .s(&what)
            .s(", got ")
            .s(&got)
            .done();
        fail(code, &column.index(index), &problem)
    }
}

fn bits_expected() -> alloc::string::String {
    Text::new()
        .s("condition bits 0..=")
        .n(u64::from(Conditions::ALL_BITS))
        .done()
}

/// A column value that must be a time.
#[inline(always)]
fn time(number: f64, column: &'static str, code: InputErrorCode) -> Result<Millis, Problem> {
    Millis::from_f64(number).map_err(|_| Problem::Time(column, number, code))
}

/// NaN: the columns' "absent".
#[inline(always)]
fn absent(number: f64) -> bool {
    number.is_nan()
}

/// Condition bits 0..=15.
#[inline(always)]
fn conditions(bits: f64) -> Option<Conditions> {
    let integer = Millis::from_f64(bits).ok()?.get();
    Conditions::from_bits(u8::try_from(integer).ok()?)
}

/// A state from its kind and two time columns (`since` is the observed
/// entry's `param` in a chain), judged by the kind's fields.
#[inline(always)]
fn state_of(
    kind: StateKind,
    since: f64,
    deadline: f64,
    columns: (&'static str, &'static str),
    code: InputErrorCode,
) -> Result<Lean, Problem> {
    let since = if kind.has(StateField::Since) {
        time(since, columns.0, code)?
    } else if absent(since) {
        Millis::ZERO
    } else {
        return Err(Problem::NoField(
            kind,
            StateField::Since,
            columns.0,
            since,
            code,
        ));
    };
    let deadline = if absent(deadline) {
        None
    } else if kind.has(StateField::Deadline) {
        Some(time(deadline, columns.1, code)?)
    } else {
        return Err(Problem::NoField(
            kind,
            StateField::Deadline,
            columns.1,
            deadline,
            code,
        ));
    };
    Ok(Lean {
        kind,
        since,
        deadline,
    })
}

/// The node at `index` of a packed fleet.
#[inline(always)]
pub(crate) fn column_state(kind: u8, since: f64, deadline: f64) -> Result<Lean, Problem> {
    let kind = StateKind::from_code(kind).ok_or(Problem::StateKind(kind))?;
    state_of(kind, since, deadline, ("since", "deadline"), InvalidState)
}

/// The conditions of a node of a packed fleet.
#[inline(always)]
pub(crate) fn column_conditions(bits: u8) -> Result<Conditions, Problem> {
    Conditions::from_bits(bits).ok_or(Problem::FleetBits(bits))
}

/// An entry of a packed chain: its time and its event.
#[inline(always)]
pub(crate) fn column_entry(code: u8, at: f64, param: f64) -> Result<(Millis, LeanEvent), Problem> {
    let unused = |event: LeanEvent| {
        if absent(param) || param == 0.0 {
            Ok(event)
        } else {
            Err(Problem::Unused(param))
        }
    };
    let event = match event_code(code) {
        Some(EventCode::Enter) if absent(param) => LeanEvent::Enter { drain_for_ms: None },
        Some(EventCode::Enter) => LeanEvent::Enter {
            drain_for_ms: Some(time(param, "param", InvalidEvent)?),
        },
        Some(EventCode::Exit) => unused(LeanEvent::Exit { force: false })?,
        Some(EventCode::ForceExit) => unused(LeanEvent::Exit { force: true })?,
        Some(EventCode::Reconcile) => LeanEvent::Reconcile {
            conditions: conditions(param).ok_or(Problem::Bits(param))?,
        },
        Some(EventCode::Observed(kind)) => LeanEvent::Observed {
            state: state_of(kind, param, f64::NAN, ("param", "param"), InvalidEvent)?,
            // Settled by the replay, which knows the current reason.
            same_reason: true,
        },
        None => return Err(Problem::EventCode(code)),
    };
    let at = time(at, "at", InvalidTimestamp)?;
    Ok((at, event))
}

/// All columns must have `expected` entries.
pub(crate) fn check_length(
    column: &'static str,
    length: usize,
    expected: usize,
) -> Result<(), InputError> {
    if length == expected {
        return Ok(());
    }
    let root = Path::Root("columns");
    let problem = Text::new()
        .s("expected ")
        .n(expected as u64)
        .s(if expected == 1 { " entry" } else { " entries" })
        .s(", like the first column, got ")
        .n(length as u64);
    Err(fail(InvalidInput, &root.field(column), &problem.done()))
}
