//! [`Input`] for JSON: the native side of the decoders. `None` is an
//! omitted argument, which JavaScript would pass as `undefined`.

use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;

use serde_json::Value;

use super::input::{js_number, quote, truncate_to, Input, Shape, StringRead};
use crate::text::decimal;
use crate::time::Millis;

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

    fn string(&self, max_bytes: usize) -> StringRead {
        match self {
            Some(Value::String(s)) if s.len() <= max_bytes => StringRead::Found(s.clone()),
            Some(Value::String(_)) => StringRead::TooLong,
            _ => StringRead::NotString,
        }
    }

    fn field(&self, name: &'static str) -> Result<Option<Self>, String> {
        Ok(self.and_then(|value| value.get(name)).map(Some))
    }

    fn member(&self, name: &str) -> Result<Option<Self>, String> {
        Ok(self.and_then(|value| value.get(name)).map(Some))
    }

    fn key_count(&self) -> Result<usize, String> {
        Ok(self.and_then(Value::as_object).map_or(0, |map| map.len()))
    }

    fn keys(&self, max_bytes: usize) -> Result<Vec<String>, String> {
        Ok(self
            .and_then(Value::as_object)
            .map(|map| {
                map.keys()
                    .map(|key| truncate_to(key, max_bytes).to_owned())
                    .collect()
            })
            .unwrap_or_default())
    }

    fn length(&self) -> Result<usize, String> {
        Ok(self.and_then(Value::as_array).map_or(0, Vec::len))
    }

    fn element(&self, index: usize) -> Result<Self, String> {
        Ok(self.and_then(|value| value.get(index)))
    }

    fn bytes(&self, _max_len: usize) -> Option<Result<Vec<u8>, usize>> {
        None
    }

    fn floats(&self) -> Option<Vec<f64>> {
        None
    }

    fn integer_text(&self) -> Option<String> {
        let Some(Value::Number(number)) = self else {
            return None;
        };
        if let Some(unsigned) = number.as_u64() {
            return Some(decimal(unsigned));
        }
        if let Some(signed) = number.as_i64() {
            return Some(crate::text::Text::new().i(signed).done());
        }
        let float = number.as_f64()?;
        // A float literal is exact only as a safe integer, as in JavaScript.
        (crate::num::is_integral(float) && float.abs() <= Millis::MAX.as_f64())
            .then(|| js_number(float))
    }

    fn describe(&self) -> String {
        match self {
            None => "undefined".to_owned(),
            Some(Value::Null) => "null".to_owned(),
            Some(Value::Bool(b)) => if *b { "true" } else { "false" }.to_owned(),
            Some(Value::String(s)) => quote(s),
            Some(Value::Array(_)) => "an array".to_owned(),
            Some(Value::Object(_)) => "an object".to_owned(),
            Some(Value::Number(number)) => match (number.as_u64(), number.as_i64()) {
                (Some(unsigned), _) => decimal(unsigned),
                (None, Some(signed)) => crate::text::Text::new().i(signed).done(),
                (None, None) => js_number(number.as_f64().unwrap_or(f64::NAN)),
            },
        }
    }
}
