//! [`Input`] for JSON: the native side of the decoders. `None` is an
//! omitted argument, which JavaScript would pass as `undefined`.

use serde_json::Value;

use super::input::{js_number, quote, truncate_to, Input, ReadFailure, Shape, Text};
use super::Path;
use crate::{InputError, Millis};

/// A JSON value, or `None` for an argument that was not given.
pub type Json<'a> = Option<&'a Value>;

impl Input for Json<'_> {
    fn shape(&self) -> Shape {
        match self {
            None => Shape::Undefined,
            Some(Value::Null) => Shape::Null,
            Some(Value::Bool(_)) => Shape::Bool,
            Some(Value::Number(_)) => Shape::Number,
            Some(Value::String(_)) => Shape::String,
            Some(Value::Array(_)) => Shape::Array,
            Some(Value::Object(_)) => Shape::Object,
        }
    }

    fn number(&self) -> Option<f64> {
        self.and_then(Value::as_f64)
    }

    fn boolean(&self) -> Option<bool> {
        self.and_then(Value::as_bool)
    }

    fn text(&self, max_bytes: usize) -> Text {
        match self {
            Some(Value::String(s)) if s.len() <= max_bytes => Text::Text(s.clone()),
            Some(Value::String(_)) => Text::TooLong,
            _ => Text::NotText,
        }
    }

    fn field(&self, name: &'static str) -> Result<Option<Self>, ReadFailure> {
        Ok(self.and_then(|value| value.get(name)).map(Some))
    }

    fn key_count(&self) -> Result<usize, ReadFailure> {
        Ok(self.and_then(Value::as_object).map_or(0, |map| map.len()))
    }

    fn keys(&self, max_bytes: usize) -> Result<Vec<String>, ReadFailure> {
        Ok(self
            .and_then(Value::as_object)
            .map(|map| {
                map.keys()
                    .map(|key| truncate_to(key, max_bytes).to_owned())
                    .collect()
            })
            .unwrap_or_default())
    }

    fn member(&self, name: &str) -> Result<Option<Self>, ReadFailure> {
        Ok(self.and_then(|value| value.get(name)).map(Some))
    }

    fn bytes(&self, _max_len: usize) -> Option<Result<Vec<u8>, usize>> {
        None
    }

    fn length(&self) -> Result<usize, ReadFailure> {
        Ok(self.and_then(Value::as_array).map_or(0, Vec::len))
    }

    fn element(&self, index: usize) -> Result<Self, ReadFailure> {
        Ok(self.and_then(|value| value.get(index)))
    }

    fn integer_text(&self) -> Option<String> {
        let Some(Value::Number(number)) = self else {
            return None;
        };
        if let Some(unsigned) = number.as_u64() {
            return Some(unsigned.to_string());
        }
        if let Some(signed) = number.as_i64() {
            return Some(signed.to_string());
        }
        let float = number.as_f64()?;
        // A float literal is exact only as a safe integer, as in JavaScript.
        #[allow(clippy::cast_possible_truncation)]
        let exact = (float.fract() == 0.0 && float.abs() <= Millis::MAX.as_f64())
            .then(|| (float as i64).to_string());
        exact
    }

    fn describe(&self) -> String {
        match self {
            None => "undefined".to_owned(),
            Some(Value::String(s)) => quote(s),
            Some(Value::Array(_)) => "an array".to_owned(),
            Some(Value::Object(_)) => "an object".to_owned(),
            Some(Value::Number(number)) => {
                match (number.as_u64(), number.as_i64(), number.as_f64()) {
                    (Some(unsigned), _, _) => unsigned.to_string(),
                    (None, Some(signed), _) => signed.to_string(),
                    (None, None, Some(float)) => js_number(float),
                    (None, None, None) => number.to_string(),
                }
            }
            Some(other) => other.to_string(),
        }
    }
}

/// A serde `Deserialize` body that goes through the strict decoder, so serde
/// users get the same errors as JavaScript callers.
pub(crate) fn deserialize_via<'de, D, T>(
    deserializer: D,
    root: &'static str,
    decode: impl FnOnce(&Json<'_>, &Path<'_>) -> Result<T, InputError>,
) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
{
    let value = <Value as serde::Deserialize>::deserialize(deserializer)?;
    decode(&Some(&value), &Path::Root(root)).map_err(serde::de::Error::custom)
}
