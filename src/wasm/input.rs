//! [`Input`] for `JsValue`: fields are read one by one with `Reflect.get`,
//! never by converting a whole object, and every call that can run user code
//! (getters, proxy traps) is caught so a hostile value cannot unwind through
//! the module.

use js_sys::{JsString, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::shapes;
use super::strings::{tag_map, with_static};
use crate::decode::{quote, Fast, Input, ReadFailure, Shape, Text};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    fn object_keys(value: &JsValue) -> Result<js_sys::Array, JsValue>;

    /// `Number.isFinite`: no coercion, false for anything but a finite number.
    #[wasm_bindgen(js_namespace = Number, js_name = isFinite)]
    fn is_finite_number(value: &JsValue) -> bool;

    /// `String(value)`, only called on numbers and bigints.
    #[wasm_bindgen(js_name = String)]
    fn string_of_number(value: &JsValue) -> String;

    /// `Number(value)`, only called on finite numbers: returns the number
    /// through the call's return value, cheaper than `JsValue::as_f64`.
    #[wasm_bindgen(js_name = Number)]
    fn number_of(value: &JsValue) -> f64;
}

/// A JavaScript value being decoded.
pub(crate) struct Js(pub(crate) JsValue);

fn describe_thrown(thrown: &JsValue) -> ReadFailure {
    let message = with_static("message", |key| Reflect::get(thrown, key))
        .ok()
        .and_then(|m| m.as_string());
    match message {
        Some(message) => quote(&message),
        None => Js(thrown.clone()).describe(),
    }
}

impl Input for Js {
    fn shape(&self) -> Shape {
        match shapes::shape_of(&self.0) {
            0 => Shape::Undefined,
            1 => Shape::Null,
            2 => Shape::Bool,
            3 => Shape::Number,
            4 => Shape::String,
            5 => Shape::Array,
            6 => Shape::Object,
            _ => Shape::Other,
        }
    }

    fn fast_number(&self, name: &'static str) -> Fast<f64> {
        let number = with_static(name, |key| shapes::number_field(&self.0, key));
        if number.is_nan() {
            Fast::Unknown
        } else {
            Fast::Found(number)
        }
    }

    fn fast_bool(&self, name: &'static str) -> Fast<bool> {
        match with_static(name, |key| shapes::bool_field(&self.0, key)) {
            0 => Fast::Found(false),
            1 => Fast::Found(true),
            2 => Fast::Absent,
            _ => Fast::Unknown,
        }
    }

    fn fast_tag(&self, name: &'static str, names: &'static [&'static str]) -> Fast<usize> {
        let positions = tag_map(names);
        match usize::try_from(with_static(name, |key| {
            shapes::tag_field(&self.0, key, &positions)
        })) {
            Ok(index) => Fast::Found(index),
            Err(_) => Fast::Unknown,
        }
    }

    /// Finite numbers only; `NaN` and the infinities are refused by every
    /// decoder anyway and described through `describe`.
    fn number(&self) -> Option<f64> {
        is_finite_number(&self.0).then(|| number_of(&self.0))
    }

    fn boolean(&self) -> Option<bool> {
        self.0.as_bool()
    }

    fn text(&self, max_bytes: usize) -> Text {
        let Some(string) = self.0.dyn_ref::<JsString>() else {
            return Text::NotText;
        };
        // A string never has more UTF-16 units than UTF-8 bytes, so a long
        // one is refused before it is copied into the module.
        if string.length() as usize > max_bytes {
            return Text::TooLong;
        }
        match string.as_string() {
            Some(text) if text.len() <= max_bytes => Text::Text(text),
            Some(_) => Text::TooLong,
            None => Text::NotText,
        }
    }

    fn field(&self, name: &'static str) -> Result<Option<Self>, ReadFailure> {
        match with_static(name, |key| Reflect::get(&self.0, key)) {
            Ok(value) if value.is_undefined() => Ok(None),
            Ok(value) => Ok(Some(Js(value))),
            Err(thrown) => Err(describe_thrown(&thrown)),
        }
    }

    fn member(&self, name: &str) -> Result<Option<Self>, ReadFailure> {
        match Reflect::get(&self.0, &JsValue::from_str(name)) {
            Ok(value) if value.is_undefined() => Ok(None),
            Ok(value) => Ok(Some(Js(value))),
            Err(thrown) => Err(describe_thrown(&thrown)),
        }
    }

    fn bytes(&self, max_len: usize) -> Option<Result<Vec<u8>, usize>> {
        let array = self.0.dyn_ref::<js_sys::Uint8Array>()?;
        let length = array.length() as usize;
        Some(if length > max_len {
            Err(length)
        } else {
            Ok(array.to_vec())
        })
    }

    fn key_count(&self) -> Result<usize, ReadFailure> {
        if let Ok(count) = usize::try_from(shapes::key_count(&self.0)) {
            return Ok(count);
        }
        object_keys(&self.0)
            .map(|keys| keys.length() as usize)
            .map_err(|thrown| describe_thrown(&thrown))
    }

    fn keys(&self, max_bytes: usize) -> Result<Vec<String>, ReadFailure> {
        let keys = object_keys(&self.0).map_err(|thrown| describe_thrown(&thrown))?;
        Ok(keys
            .iter()
            .map(|key| match Js(key).text(max_bytes) {
                Text::Text(key) => key,
                Text::TooLong | Text::NotText => "(a very long key)".to_owned(),
            })
            .collect())
    }

    fn length(&self) -> Result<usize, ReadFailure> {
        let length = with_static("length", |key| Reflect::get(&self.0, key))
            .map_err(|thrown| describe_thrown(&thrown))?;
        // A real array is shorter than 2^32; `as` saturates a proxy's lie
        // (and maps NaN to 0), and decoding stops at the first bad element.
        #[allow(clippy::cast_possible_truncation)]
        Ok(length
            .as_f64()
            .map_or(0, |length| length.min(f64::from(u32::MAX)) as usize))
    }

    fn element(&self, index: usize) -> Result<Self, ReadFailure> {
        shapes::element_of(&self.0, index as f64)
            .map(Js)
            .map_err(|thrown| describe_thrown(&thrown))
    }

    fn tag(&self, names: &'static [&'static str]) -> Option<usize> {
        // Map.get compares by SameValueZero and runs no user code.
        let index = tag_map(names).get(&self.0);
        #[allow(clippy::cast_possible_truncation)] // a small index we stored
        is_finite_number(&index).then(|| number_of(&index) as usize)
    }

    fn integer_text(&self) -> Option<String> {
        let value = &self.0;
        if value.is_bigint() {
            return Some(string_of_number(value));
        }
        let number = self.number()?;
        // A safe integer: `String` prints it in plain digits.
        (number.fract() == 0.0 && number.abs() <= crate::Millis::MAX.as_f64())
            .then(|| string_of_number(value))
    }

    fn describe(&self) -> String {
        let value = &self.0;
        match self.shape() {
            Shape::Undefined => "undefined".to_owned(),
            Shape::Null => "null".to_owned(),
            Shape::Bool => value.as_bool().unwrap_or_default().to_string(),
            // JavaScript's own rendering (`String(n)`), which the native
            // build's `js_number` reproduces.
            Shape::Number => string_of_number(value),
            Shape::String => match value.dyn_ref::<JsString>() {
                Some(string) => {
                    let head = string.slice(0, crate::decode::QUOTE_CHARS.saturating_add(1));
                    quote(&String::from(head))
                }
                None => "a string".to_owned(),
            },
            Shape::Array => "an array".to_owned(),
            Shape::Object => "an object".to_owned(),
            Shape::Other => match value.js_typeof().as_string().as_deref() {
                Some("bigint") => "a bigint".to_owned(),
                Some("symbol") => "a symbol".to_owned(),
                Some("function") => "a function".to_owned(),
                _ => "an unsupported value".to_owned(),
            },
        }
    }
}
