//! [`Input`] for `JsValue` (the `JS` newtype): fields are read one by one
//! with `Reflect.get`, never by converting a whole object, and every call
//! that can run user code (getters, proxy traps) is caught, so a hostile
//! value cannot unwind through the module.

use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;

use js_sys::{Array, Float64Array, Function, JsString, Reflect, Symbol, Uint8Array};
use mesh_maintenance::input::{quote, Input, Shape, StringRead, QUOTE_CHARS};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    fn object_keys(value: &JsValue) -> Result<js_sys::Array, JsValue>;

    /// `Array.isArray`, which throws for a revoked proxy.
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;

    /// `Number.isFinite`: no coercion, false for anything but a finite number.
    #[wasm_bindgen(js_namespace = Number, js_name = isFinite)]
    fn is_finite_number(value: &JsValue) -> bool;

    /// `String(value)`, only called on numbers and bigints.
    #[wasm_bindgen(js_name = String)]
    fn string_of(value: &JsValue) -> String;
}

/// The intrinsic getter `name` of `%TypedArray%.prototype`.
fn intrinsic(prototype: &JsValue, name: &JsValue) -> Option<Function> {
    let descriptor =
        Reflect::get_own_property_descriptor(prototype.unchecked_ref::<js_sys::Object>(), name)
            .ok()?;
    Reflect::get(&descriptor, &JsValue::from_str("get"))
        .ok()?
        .dyn_into::<Function>()
        .ok()
}

/// A genuine typed array of type `name` over the same memory as `value`,
/// and its length, if `value` is one: read through the intrinsics, every
/// step caught, so a fake (a proxy, an object with a typed-array prototype,
/// a subclass with its own getters, a detached buffer) is refused rather
/// than allowed to throw through the module.
fn genuine(value: &JsValue, name: &str) -> Option<(JsValue, usize)> {
    let constructor = Reflect::get(&js_sys::global(), &JsValue::from_str(name))
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    let own_prototype = Reflect::get(&constructor, &JsValue::from_str("prototype")).ok()?;
    let prototype = Reflect::get_prototype_of(&own_prototype).ok()?;
    let read = |getter: &JsValue| {
        let getter = intrinsic(&prototype, getter)?;
        Reflect::apply(&getter, value, &Array::new()).ok()
    };
    if read(&Symbol::to_string_tag().into())?
        .as_string()
        .as_deref()
        != Some(name)
    {
        return None;
    }
    let buffer = read(&JsValue::from_str("buffer"))?;
    let offset = read(&JsValue::from_str("byteOffset"))?;
    let length = read(&JsValue::from_str("length"))?;
    let view = Reflect::construct(&constructor, &Array::of3(&buffer, &offset, &length)).ok()?;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // a typed array's length
    Some((view, length.as_f64()? as usize))
}

/// A JavaScript value being decoded.
pub(crate) struct JS(pub(crate) JsValue);

fn describe_thrown(thrown: &JsValue) -> String {
    let message = Reflect::get(thrown, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string());
    match message {
        Some(message) => quote(&message),
        None => JS(thrown.clone()).describe(),
    }
}

impl Input for JS {
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
            // A revoked proxy: an object that cannot say whether it is an array.
            match is_array(value) {
                Ok(true) => Shape::Array,
                Ok(false) | Err(_) => Shape::Object,
            }
        } else {
            Shape::Other
        }
    }

    /// Finite numbers only; `NaN` and the infinities are refused by every
    /// decoder anyway and described through `describe`.
    fn number(&self) -> Option<f64> {
        if is_finite_number(&self.0) {
            self.0.as_f64()
        } else {
            None
        }
    }

    fn boolean(&self) -> Option<bool> {
        self.0.as_bool()
    }

    fn string(&self, max_bytes: usize) -> StringRead {
        let Some(string) = self.0.dyn_ref::<JsString>() else {
            return StringRead::NotString;
        };
        // A string never has more UTF-16 units than UTF-8 bytes, so a long
        // one is refused before it is copied into the module.
        if string.length() as usize > max_bytes {
            return StringRead::TooLong;
        }
        match string.as_string() {
            Some(text) if text.len() <= max_bytes => StringRead::Found(text),
            Some(_) => StringRead::TooLong,
            None => StringRead::NotString,
        }
    }

    fn field(&self, name: &'static str) -> Result<Option<Self>, String> {
        self.member(name)
    }

    fn member(&self, name: &str) -> Result<Option<Self>, String> {
        match Reflect::get(&self.0, &JsValue::from_str(name)) {
            Ok(value) if value.is_undefined() => Ok(None),
            Ok(value) => Ok(Some(JS(value))),
            Err(thrown) => Err(describe_thrown(&thrown)),
        }
    }

    fn key_count(&self) -> Result<usize, String> {
        object_keys(&self.0)
            .map(|keys| keys.length() as usize)
            .map_err(|thrown| describe_thrown(&thrown))
    }

    fn keys(&self, max_bytes: usize) -> Result<Vec<String>, String> {
        let keys = object_keys(&self.0).map_err(|thrown| describe_thrown(&thrown))?;
        Ok(keys
            .iter()
            .map(|key| match JS(key).string(max_bytes) {
                StringRead::Found(key) => key,
                StringRead::TooLong | StringRead::NotString => "(a very long key)".to_owned(),
            })
            .collect())
    }

    fn length(&self) -> Result<usize, String> {
        let length = Reflect::get(&self.0, &JsValue::from_str("length"))
            .map_err(|thrown| describe_thrown(&thrown))?;
        // A real array is shorter than 2^32; `as` saturates a proxy's lie
        // (and maps NaN to 0), and decoding stops at the first bad element.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Ok(length
            .as_f64()
            .map_or(0, |length| length.min(f64::from(u32::MAX)) as usize))
    }

    fn element(&self, index: usize) -> Result<Self, String> {
        Reflect::get(&self.0, &JsValue::from_f64(index as f64))
            .map(JS)
            .map_err(|thrown| describe_thrown(&thrown))
    }

    fn bytes(&self, max_len: usize) -> Option<Result<Vec<u8>, usize>> {
        let (view, length) = genuine(&self.0, "Uint8Array")?;
        Some(if length > max_len {
            Err(length)
        } else {
            Ok(view.unchecked_into::<Uint8Array>().to_vec())
        })
    }

    fn floats(&self) -> Option<Vec<f64>> {
        let (view, _) = genuine(&self.0, "Float64Array")?;
        Some(view.unchecked_into::<Float64Array>().to_vec())
    }

    fn integer_text(&self) -> Option<String> {
        let value = &self.0;
        if value.is_bigint() {
            return Some(string_of(value));
        }
        let number = self.number()?;
        // A safe integer: `String` prints it in plain digits.
        (mesh_maintenance::Millis::from_f64(number.abs()).is_ok()).then(|| string_of(value))
    }

    fn describe(&self) -> String {
        let value = &self.0;
        match self.shape() {
            Shape::Undefined => "undefined".to_owned(),
            Shape::Null => "null".to_owned(),
            Shape::Bool => if value.as_bool() == Some(true) {
                "true"
            } else {
                "false"
            }
            .to_owned(),
            // JavaScript's own rendering, which the native build's
            // `js_number` reproduces.
            Shape::Number => string_of(value),
            Shape::String => match value.dyn_ref::<JsString>() {
                Some(string) => {
                    let head = string.slice(0, QUOTE_CHARS.saturating_add(1));
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
