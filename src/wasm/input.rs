//! [`Input`] for `JsValue`: fields are read one by one with `Reflect.get`,
//! never by converting a whole object, and every call that can run user code
//! (getters, proxy traps) is caught so a hostile value cannot unwind through
//! the module.

use js_sys::{JsString, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::decode::{quote, Input, ReadFailure, Shape, Text};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    fn object_keys(value: &JsValue) -> Result<js_sys::Array, JsValue>;

    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
}

/// A JavaScript value being decoded.
pub(crate) struct Js(pub(crate) JsValue);

fn describe_thrown(thrown: &JsValue) -> ReadFailure {
    let message = Reflect::get(thrown, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string());
    match message {
        Some(message) => quote(&message),
        None => Js(thrown.clone()).describe(),
    }
}

fn index_key(index: usize) -> JsValue {
    JsValue::from_f64(index as f64)
}

impl Input for Js {
    fn shape(&self) -> Shape {
        let value = &self.0;
        if value.is_undefined() {
            Shape::Undefined
        } else if value.is_null() {
            Shape::Null
        } else if value.as_bool().is_some() {
            Shape::Bool
        } else if value.as_f64().is_some() {
            Shape::Number
        } else if value.is_string() {
            Shape::String
        } else if value.is_object() {
            // A revoked proxy makes `Array.isArray` throw; it is no array.
            if is_array(value).unwrap_or(false) {
                Shape::Array
            } else {
                Shape::Object
            }
        } else {
            Shape::Other
        }
    }

    fn number(&self) -> Option<f64> {
        self.0.as_f64()
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
        match Reflect::get(&self.0, &JsValue::from_str(name)) {
            Ok(value) if value.is_undefined() => Ok(None),
            Ok(value) => Ok(Some(Js(value))),
            Err(thrown) => Err(describe_thrown(&thrown)),
        }
    }

    fn key_count(&self) -> Result<usize, ReadFailure> {
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
        let length = Reflect::get(&self.0, &JsValue::from_str("length"))
            .map_err(|thrown| describe_thrown(&thrown))?;
        // A real array is shorter than 2^32; `as` saturates a proxy's lie
        // (and maps NaN to 0), and decoding stops at the first bad element.
        #[allow(clippy::cast_possible_truncation)]
        Ok(length
            .as_f64()
            .map_or(0, |length| length.min(f64::from(u32::MAX)) as usize))
    }

    fn element(&self, index: usize) -> Result<Self, ReadFailure> {
        Reflect::get(&self.0, &index_key(index))
            .map(Js)
            .map_err(|thrown| describe_thrown(&thrown))
    }

    fn describe(&self) -> String {
        let value = &self.0;
        match self.shape() {
            Shape::Undefined => "undefined".to_owned(),
            Shape::Null => "null".to_owned(),
            Shape::Bool => value.as_bool().unwrap_or_default().to_string(),
            Shape::Number => crate::decode::js_number(value.as_f64().unwrap_or_default()),
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
