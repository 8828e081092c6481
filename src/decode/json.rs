//! [`Input`] for JSON: the native side of the decoders. `None` is an
//! omitted argument, which JavaScript would pass as `undefined`.

use serde_json::Value;

use super::input::{js_number, quote, truncate_to, Input, ReadFailure, Shape, Text};
use super::Path;
use crate::InputError;

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

    fn length(&self) -> Result<usize, ReadFailure> {
        Ok(self.and_then(Value::as_array).map_or(0, Vec::len))
    }

    fn element(&self, index: usize) -> Result<Self, ReadFailure> {
        Ok(self.and_then(|value| value.get(index)))
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
