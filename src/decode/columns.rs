//! Strict decoding of the columnar forms ([`crate::packed`]): an entry of
//! a packed chain or a node of a packed fleet, judged by the same per-kind
//! table ([`StateKind::fields`]) and worded like the object decoders.

use super::input::js_number;
use super::object::fail;
use super::types::SAFE_INTEGER;
use super::Path;
use crate::conditions::Conditions;
use crate::error::{InputError, InputErrorCode};
use crate::lean::{Lean, LeanEvent};
use crate::packed::{event_code, EventCode};
use crate::state::{StateField, StateKind};
use crate::text::Text;
use crate::time::Millis;

use InputErrorCode::{InvalidEvent, InvalidInput, InvalidState, InvalidTimestamp};

/// The largest state kind code.
const LAST_KIND: u8 = StateKind::Recovery.code();

/// Where a column value sits: `columns.param[7]`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ColumnError {
    column: &'static str,
    index: usize,
}

impl ColumnError {
    fn at(column: &'static str, index: usize) -> ColumnError {
        ColumnError { column, index }
    }

    #[cold]
    #[inline(never)]
    fn fail(self, code: InputErrorCode, problem: &str) -> InputError {
        let root = Path::Root("columns");
        let column = root.field(self.column);
        fail(code, &column.index(self.index), problem)
    }

    #[cold]
    #[inline(never)]
    fn expected(self, code: InputErrorCode, what: &str, got: &str) -> InputError {
        self.fail(
            code,
            &Text::new().s("expected ").s(what).s(", got ").s(got).done(),
        )
    }
}

/// A column value that must be a time.
#[inline(always)]
fn time(number: f64, code: InputErrorCode, at: ColumnError) -> Result<Millis, InputError> {
    Millis::from_f64(number).map_err(|_| at.expected(code, SAFE_INTEGER, &js_number(number)))
}

/// NaN: the columns' "absent".
fn absent(number: f64) -> bool {
    number.is_nan()
}

/// Condition bits 0..=15.
fn conditions(bits: f64) -> Option<Conditions> {
    if !(crate::num::is_integral(bits) && bits >= 0.0 && bits <= f64::from(Conditions::ALL_BITS)) {
        return None;
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // an integer in 0..=15
    Conditions::from_bits(bits as u8)
}

fn bits_expected() -> Text {
    Text::new()
        .s("condition bits 0..=")
        .n(u64::from(Conditions::ALL_BITS))
}

/// A state from its kind and two time columns (`since` is the observed
/// entry's `param` in a chain), judged by the kind's fields.
fn state_of(
    kind: StateKind,
    since: f64,
    deadline: f64,
    since_at: ColumnError,
    deadline_at: ColumnError,
    code: InputErrorCode,
) -> Result<Lean, InputError> {
    let none = |field: StateField, number: f64, at: ColumnError| {
        let what = Text::new()
            .s("NaN: ")
            .s(kind.name())
            .s(" has no ")
            .s(field.name())
            .done();
        at.expected(code, &what, &js_number(number))
    };
    let since = if kind.has(StateField::Since) {
        time(since, code, since_at)?
    } else if absent(since) {
        Millis::ZERO
    } else {
        return Err(none(StateField::Since, since, since_at));
    };
    let deadline = if absent(deadline) {
        None
    } else if kind.has(StateField::Deadline) {
        Some(time(deadline, code, deadline_at)?)
    } else {
        return Err(none(StateField::Deadline, deadline, deadline_at));
    };
    Ok(Lean {
        kind,
        since,
        deadline,
    })
}

/// The node at `index` of a packed fleet.
pub(crate) fn column_state(
    kind: u8,
    since: f64,
    deadline: f64,
    index: usize,
) -> Result<Lean, InputError> {
    let kind = StateKind::from_code(kind).ok_or_else(|| {
        let what = Text::new()
            .s("a state kind 0..=")
            .n(u64::from(LAST_KIND))
            .done();
        ColumnError::at("kind", index).expected(
            InvalidState,
            &what,
            &crate::text::decimal(u64::from(kind)),
        )
    })?;
    state_of(
        kind,
        since,
        deadline,
        ColumnError::at("since", index),
        ColumnError::at("deadline", index),
        InvalidState,
    )
}

/// The conditions of the node at `index` of a packed fleet.
pub(crate) fn column_conditions(bits: u8, index: usize) -> Result<Conditions, InputError> {
    Conditions::from_bits(bits).ok_or_else(|| {
        ColumnError::at("conditions", index).expected(
            InvalidInput,
            &bits_expected().done(),
            &crate::text::decimal(u64::from(bits)),
        )
    })
}

/// The entry at `index` of a packed chain: its time and its event.
#[inline(always)]
pub(crate) fn column_entry(
    code: u8,
    at: f64,
    param: f64,
    index: usize,
) -> Result<(Millis, LeanEvent), InputError> {
    let param_at = ColumnError::at("param", index);
    let unused = |event: LeanEvent| {
        if absent(param) || param == 0.0 {
            Ok(event)
        } else {
            Err(param_at.expected(
                InvalidEvent,
                "0 or NaN (unused by this event)",
                &js_number(param),
            ))
        }
    };
    let event = match event_code(code) {
        Some(EventCode::Enter) if absent(param) => LeanEvent::Enter { drain_for_ms: None },
        Some(EventCode::Enter) => LeanEvent::Enter {
            drain_for_ms: Some(time(param, InvalidEvent, param_at)?),
        },
        Some(EventCode::Exit) => unused(LeanEvent::Exit { force: false })?,
        Some(EventCode::ForceExit) => unused(LeanEvent::Exit { force: true })?,
        Some(EventCode::Reconcile) => LeanEvent::Reconcile {
            conditions: conditions(param).ok_or_else(|| {
                param_at.expected(InvalidEvent, &bits_expected().done(), &js_number(param))
            })?,
        },
        Some(EventCode::Observed(kind)) => LeanEvent::Observed {
            state: state_of(kind, param, f64::NAN, param_at, param_at, InvalidEvent)?,
            // Settled by the replay, which knows the current reason.
            same_reason: true,
        },
        None => {
            let what = Text::new()
                .s("an event code 0..=3 or 8..=")
                .n(u64::from(crate::packed::OBSERVED.saturating_add(LAST_KIND)))
                .done();
            return Err(ColumnError::at("kind", index).expected(
                InvalidEvent,
                &what,
                &crate::text::decimal(u64::from(code)),
            ));
        }
    };
    let at = time(at, InvalidTimestamp, ColumnError::at("at", index))?;
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
        .s(" entries, like the first column, got ")
        .n(length as u64);
    Err(fail(InvalidInput, &root.field(column), &problem.done()))
}
