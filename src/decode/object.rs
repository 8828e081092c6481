//! Reading the fields of one object and refusing the ones nobody asked for.

use alloc::string::String;

use super::input::{quote, Input, Shape, StringRead};
use super::Path;
use crate::error::{InputError, InputErrorCode};
use crate::text::Text;

/// An object being decoded. Counts the fields it has read so that the
/// unknown-field check costs one key count on the happy path; the keys
/// themselves are only listed to name the culprit.
pub(crate) struct ObjectReader<'p, 'v, V> {
    value: &'v V,
    path: &'p Path<'p>,
    code: InputErrorCode,
    /// How many keys the object has, counted when it is opened.
    key_count: usize,
    fields_read: usize,
}

/// The longest unknown key an error message repeats, in bytes.
const KEY_BYTES: usize = 64;

/// `"a", "b", "c"`: names quoted and separated by commas.
#[inline(never)]
pub(crate) fn quoted_list(names: &[&str]) -> String {
    let mut list = String::new();
    for name in names {
        if !list.is_empty() {
            list.push_str(", ");
        }
        list.push('"');
        list.push_str(name);
        list.push('"');
    }
    list
}

#[inline(never)]
pub(crate) fn fail(code: InputErrorCode, path: &Path<'_>, problem: &str) -> InputError {
    InputError::new(code, path.render(), problem)
}

#[inline(never)]
pub(crate) fn expected<V: Input>(
    code: InputErrorCode,
    path: &Path<'_>,
    what: &str,
    got: &V,
) -> InputError {
    let problem = Text::new()
        .s("expected ")
        .s(what)
        .s(", got ")
        .s(&got.describe());
    fail(code, path, &problem.done())
}

/// [`expected`] for a time or duration, with a hint where the value is a
/// common mistake for one: a `Date`, a `bigint`, a string of digits.
#[inline(never)]
pub(crate) fn expected_time<V: Input>(
    code: InputErrorCode,
    path: &Path<'_>,
    what: &str,
    got: &V,
) -> InputError {
    let hint = match got.shape() {
        Shape::Date => " (use getTime() for its milliseconds)",
        Shape::BigInt => " (a bigint: convert it with Number())",
        Shape::String if is_digits(got) => " (a string: pass the number itself)",
        _ => "",
    };
    let problem = Text::new()
        .s("expected ")
        .s(what)
        .s(", got ")
        .s(&got.describe())
        .s(hint);
    fail(code, path, &problem.done())
}

/// A short string of decimal digits.
fn is_digits<V: Input>(value: &V) -> bool {
    match value.string(24) {
        StringRead::Found(text) => !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()),
        StringRead::TooLong | StringRead::NotString => false,
    }
}

/// `reading the field threw …`, `listing the keys threw …`.
#[inline(never)]
pub(crate) fn threw(
    code: InputErrorCode,
    path: &Path<'_>,
    doing: &str,
    thrown: &str,
) -> InputError {
    fail(
        code,
        path,
        &Text::new().s(doing).s(" threw ").s(thrown).done(),
    )
}

impl<'p, 'v, V: Input> ObjectReader<'p, 'v, V> {
    #[inline(never)]
    pub(crate) fn open(
        value: &'v V,
        path: &'p Path<'p>,
        code: InputErrorCode,
        what: &str,
    ) -> Result<Self, InputError> {
        if value.shape() != Shape::Object {
            return Err(expected(code, path, what, value));
        }
        // Keys are counted first: an object whose keys cannot be listed (a
        // proxy whose `ownKeys` throws) is refused as a whole, at its path.
        let key_count = value
            .key_count()
            .map_err(|thrown| threw(code, path, "listing the keys", &thrown))?;
        Ok(ObjectReader {
            value,
            path,
            code,
            key_count,
            fields_read: 0,
        })
    }

    pub(crate) fn path(&self) -> &'p Path<'p> {
        self.path
    }

    pub(crate) fn code(&self) -> InputErrorCode {
        self.code
    }

    /// The field, or `None` when it is absent or `undefined`.
    #[inline(never)]
    pub(crate) fn optional(&mut self, name: &'static str) -> Result<Option<V>, InputError> {
        match self.value.field(name) {
            Ok(Some(value)) => {
                self.fields_read = self.fields_read.saturating_add(1);
                Ok(Some(value))
            }
            Ok(None) => Ok(None),
            Err(thrown) => Err(threw(
                self.code,
                &self.path.field(name),
                "reading the field",
                &thrown,
            )),
        }
    }

    #[inline(never)]
    pub(crate) fn required(&mut self, name: &'static str) -> Result<V, InputError> {
        self.optional(name)?.ok_or_else(|| {
            fail(
                self.code,
                &self.path.field(name),
                "required field is missing",
            )
        })
    }

    /// Refuses any key but `allowed`. A key whose value is `undefined` counts
    /// as absent, like an omitted optional field.
    #[inline(never)]
    pub(crate) fn finish(self, allowed: &[&str]) -> Result<(), InputError> {
        let listing = |thrown: String| threw(self.code, self.path, "listing the keys", &thrown);
        if self.key_count <= self.fields_read {
            return Ok(());
        }
        let keys = self.value.keys(KEY_BYTES).map_err(listing)?;
        match keys.iter().find(|key| !allowed.contains(&key.as_str())) {
            Some(unknown) => {
                let problem = Text::new()
                    .s("unknown field ")
                    .s(&quote(unknown))
                    .s("; expected only ")
                    .s(&quoted_list(allowed));
                let path = Text::new().s(&self.path.render()).s(".").s(unknown);
                Err(InputError::new(self.code, path.done(), &problem.done()))
            }
            None => Ok(()),
        }
    }
}
