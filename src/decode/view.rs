//! Strict decoding of node snapshot views in their three dialects: a view
//! is a state (`INVALID_STATE` when malformed); an `Unknown` kind, an extra
//! field or a time out of the domain is refused, never guessed at.

use alloc::string::String;
use alloc::vec::Vec;

use super::input::{quote, Input, Shape, StringRead};
use super::object::{expected, expected_time, fail, quoted_list, threw, ObjectReader};
use super::types::{millis, nullable, reason, tag, tag_field};
use super::Path;
use crate::error::{InputError, InputErrorCode};
use crate::state::{StateField, StateKind};
use crate::text::Text;
use crate::time::Millis;
use crate::view::{Dialect, StateView};

use InputErrorCode::{InvalidInput, InvalidState};

/// The `dialect` argument: `"sdk"`, `"ffi"` or `"snapshot"`.
pub(crate) fn dialect<V: Input>(value: &V, path: &Path<'_>) -> Result<Dialect, InputError> {
    tag(value, path, InvalidInput, &Dialect::ALL, Dialect::NAMES)
}

/// A view in `dialect`.
#[inline(never)]
pub(crate) fn view<V: Input>(
    value: &V,
    path: &Path<'_>,
    dialect: Dialect,
) -> Result<StateView, InputError> {
    match dialect {
        Dialect::Sdk | Dialect::Ffi => tagged_by_kind(value, path, dialect),
        Dialect::Snapshot => externally_tagged(value, path),
    }
}

/// What an absent field of a view means in its dialect.
#[derive(Clone, Copy)]
enum Absent {
    /// A missing field is malformed.
    Refused,
    /// Go's `omitempty` dropped a zero value: `0`, `null` or `""`.
    Zero,
}

/// `{kind, ...fields}`: the SDK's and the C ABI's shape.
fn tagged_by_kind<V: Input>(
    value: &V,
    path: &Path<'_>,
    dialect: Dialect,
) -> Result<StateView, InputError> {
    let mut reader = ObjectReader::open(value, path, InvalidState, "a view object")?;
    let kind = tag_field(&mut reader, "kind", &StateKind::ALL, dialect.kind_names())?;
    let absent = match dialect {
        Dialect::Ffi => Absent::Zero,
        Dialect::Sdk | Dialect::Snapshot => Absent::Refused,
    };
    let view = fields(&mut reader, kind, dialect, absent)?;
    let mut allowed = alloc::vec!["kind"];
    allowed.extend(kind.fields().iter().map(|f| dialect.field(*f)));
    reader.finish(&allowed)?;
    Ok(view)
}

/// `"Active"` or `{"<Kind>": {...fields}}`: serde's externally tagged enum.
fn externally_tagged<V: Input>(value: &V, path: &Path<'_>) -> Result<StateView, InputError> {
    const WHAT: &str = "\"Active\" or an object with one member named by the kind";
    match value.shape() {
        Shape::String => {
            return match value.string(32) {
                StringRead::Found(text) if text == StateKind::Active.name() => Ok(
                    StateView::of_kind(StateKind::Active, Millis::ZERO, None, String::new),
                ),
                _ => Err(expected(InvalidState, path, WHAT, value)),
            }
        }
        Shape::Object => {}
        _ => return Err(expected(InvalidState, path, WHAT, value)),
    }
    let keys = value
        .keys(64)
        .map_err(|thrown: String| threw(InvalidState, path, "listing the keys", &thrown))?;
    let [key] = keys.as_slice() else {
        let problem = Text::new()
            .s("expected ")
            .s(WHAT)
            .s(", got an object with ")
            .n(keys.len() as u64)
            .s(" members");
        return Err(fail(InvalidState, path, &problem.done()));
    };
    let Some(kind) = StateKind::from_name(key).filter(|kind| *kind != StateKind::Active) else {
        // Every kind but `Active`, which has no fields to wrap.
        let names = StateKind::NAMES.get(1..).unwrap_or_default();
        let problem = Text::new()
            .s("expected one member named ")
            .s(&quoted_list(names))
            .s(", got ")
            .s(&quote(key));
        return Err(fail(InvalidState, path, &problem.done()));
    };
    let name = kind.name();
    let inner_path = path.field(name);
    let inner = ObjectReader::open(value, path, InvalidState, WHAT)?.required(name)?;
    let mut reader = ObjectReader::open(&inner, &inner_path, InvalidState, "an object")?;
    let view = fields(&mut reader, kind, Dialect::Snapshot, Absent::Refused)?;
    let allowed: Vec<&str> = kind
        .fields()
        .iter()
        .map(|f| Dialect::Snapshot.field(*f))
        .collect();
    reader.finish(&allowed)?;
    Ok(view)
}

/// The fields of a view of `kind`, in [`StateKind::fields`] order.
fn fields<V: Input>(
    reader: &mut ObjectReader<'_, '_, V>,
    kind: StateKind,
    dialect: Dialect,
    absent: Absent,
) -> Result<StateView, InputError> {
    let read_time = |value: &V, path: &Path<'_>| time(value, path, dialect);
    let (mut since_ms, mut deadline_remaining_ms, mut reason_text) =
        (Millis::ZERO, None, String::new());
    for field in kind.fields() {
        let name = dialect.field(*field);
        match field {
            StateField::Since => {
                since_ms = field_or(reader, name, absent, Millis::ZERO, read_time)?
            }
            // Absent or null: no deadline, in every dialect (serde reads a
            // missing `Option` as `None`; Go omits a nil pointer).
            StateField::Deadline => deadline_remaining_ms = nullable(reader, name, read_time)?,
            StateField::Reason => {
                reason_text = field_or(reader, name, absent, String::new(), reason)?;
            }
        }
    }
    Ok(StateView::of_kind(
        kind,
        since_ms,
        deadline_remaining_ms,
        || reason_text,
    ))
}

/// The field `name` read by `read`; when absent, `zero` where the dialect
/// drops zero values, else the reader's "required field is missing".
fn field_or<V: Input, T>(
    reader: &mut ObjectReader<'_, '_, V>,
    name: &'static str,
    absent: Absent,
    zero: T,
    read: impl FnOnce(&V, &Path<'_>) -> Result<T, InputError>,
) -> Result<T, InputError> {
    let value = match absent {
        Absent::Refused => reader.required(name)?,
        Absent::Zero => match reader.optional(name)? {
            Some(value) => value,
            None => return Ok(zero),
        },
    };
    read(&value, &reader.path().field(name))
}

/// A view's time: a number in the domain, or under `"sdk"` also a bigint
/// (the SDK's type), judged by its exact value so a bigint above 2^53 - 1
/// is refused rather than rounded.
fn time<V: Input>(value: &V, path: &Path<'_>, dialect: Dialect) -> Result<Millis, InputError> {
    if dialect != Dialect::Sdk {
        return millis(value, path, InvalidState);
    }
    let what = "a bigint or number in 0 ..= 2^53 - 1";
    match value.integer_text() {
        Some(digits) => digits
            .parse::<u64>()
            .ok()
            .and_then(|n| Millis::new(n).ok())
            .ok_or_else(|| {
                let problem = Text::new().s("expected ").s(what).s(", got ").s(&digits);
                fail(InvalidState, path, &problem.done())
            }),
        None => Err(expected_time(InvalidState, path, what, value)),
    }
}
