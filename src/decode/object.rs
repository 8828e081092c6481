//! Reading the fields of one object and refusing the ones nobody asked for.

use super::input::{quote, Fast, Input, Shape};
use super::Path;
use crate::error::{InputError, InputErrorCode};
use crate::time::Millis;

/// An object being decoded. Counts the fields it has read so that the
/// unknown-field check costs one key count on the happy path; the keys
/// themselves are only listed to name the culprit.
pub(crate) struct ObjectReader<'p, 'v, V> {
    value: &'v V,
    path: &'p Path<'p>,
    code: InputErrorCode,
    fields_read: usize,
}

/// The longest unknown key an error message repeats, in bytes.
const KEY_BYTES: usize = 64;

/// `"a", "b", "c"`: names quoted and separated by commas.
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

pub(crate) fn fail(code: InputErrorCode, path: &Path<'_>, problem: &str) -> InputError {
    InputError::new(code, path.to_string(), problem)
}

pub(crate) fn expected<V: Input>(
    code: InputErrorCode,
    path: &Path<'_>,
    what: &str,
    got: &V,
) -> InputError {
    fail(
        code,
        path,
        &format!("expected {what}, got {}", got.describe()),
    )
}

impl<'p, 'v, V: Input> ObjectReader<'p, 'v, V> {
    pub(crate) fn open(
        value: &'v V,
        path: &'p Path<'p>,
        code: InputErrorCode,
        what: &str,
    ) -> Result<Self, InputError> {
        if value.shape() != Shape::Object {
            return Err(expected(code, path, what, value));
        }
        Ok(ObjectReader {
            value,
            path,
            code,
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
    pub(crate) fn optional(&mut self, name: &'static str) -> Result<Option<V>, InputError> {
        match self.value.field(name) {
            Ok(Some(value)) => {
                self.count_read();
                Ok(Some(value))
            }
            Ok(None) => Ok(None),
            Err(thrown) => Err(fail(
                self.code,
                &self.path.field(name),
                &format!("reading the field threw {thrown}"),
            )),
        }
    }

    /// A field that is a valid [`Millis`] on the fused fast path, if it is.
    pub(crate) fn fast_millis(&mut self, name: &'static str) -> Option<Millis> {
        match self.value.fast_number(name) {
            Fast::Found(number) => {
                let millis = Millis::from_f64(number).ok()?;
                self.count_read();
                Some(millis)
            }
            Fast::Absent | Fast::Unknown => None,
        }
    }

    /// A boolean field on the fast path: `Some(false)` when absent.
    pub(crate) fn fast_bool(&mut self, name: &'static str) -> Option<bool> {
        match self.value.fast_bool(name) {
            Fast::Found(value) => {
                self.count_read();
                Some(value)
            }
            Fast::Absent => Some(false),
            Fast::Unknown => None,
        }
    }

    /// A tag field's position in `names` on the fast path.
    pub(crate) fn fast_tag(
        &mut self,
        name: &'static str,
        names: &'static [&'static str],
    ) -> Option<usize> {
        match self.value.fast_tag(name, names) {
            Fast::Found(index) => {
                self.count_read();
                Some(index)
            }
            Fast::Absent | Fast::Unknown => None,
        }
    }

    fn count_read(&mut self) {
        self.fields_read = self.fields_read.saturating_add(1);
    }

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
    pub(crate) fn finish(self, allowed: &[&str]) -> Result<(), InputError> {
        let count = self
            .value
            .key_count()
            .map_err(|thrown| self.threw(&thrown))?;
        if count <= self.fields_read {
            return Ok(());
        }
        let keys = self
            .value
            .keys(KEY_BYTES)
            .map_err(|thrown| self.threw(&thrown))?;
        match keys.iter().find(|key| !allowed.contains(&key.as_str())) {
            Some(unknown) => {
                let problem = format!(
                    "unknown field {}; expected only {}",
                    quote(unknown),
                    quoted_list(allowed)
                );
                Err(InputError::new(
                    self.code,
                    format!("{}.{}", self.path, unknown),
                    &problem,
                ))
            }
            None => Ok(()),
        }
    }

    fn threw(&self, thrown: &str) -> InputError {
        fail(
            self.code,
            self.path,
            &format!("listing the keys threw {thrown}"),
        )
    }
}
