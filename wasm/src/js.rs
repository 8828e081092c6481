//! [`Input`] for `JsValue` (the `JS` newtype): fields are read one by one
//! with `Reflect.get`, never by converting a whole object, and every call
//! that can run user code (getters, proxy traps) is caught, so a hostile
//! value cannot unwind through the module.

use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;

use core::cell::OnceCell;

use js_sys::{Array, Float64Array, Function, JsString, Uint8Array};
use mesh_maintenance::input::{quote, Input, Shape, StringRead, QUOTE_CHARS};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// `Number.isFinite`: no coercion, false for anything but a finite number.
    #[wasm_bindgen(js_namespace = Number, js_name = isFinite)]
    fn is_finite_number(value: &JsValue) -> bool;

    /// `String(value)`, only called on numbers and bigints.
    #[wasm_bindgen(js_name = String)]
    fn string_of(value: &JsValue) -> String;
}

/// The readers `js/api.js` installs: each does one read that may run user
/// code (a getter, a proxy trap) inside its own `try`, and answers the
/// marker instead of throwing. An exception caught by a wasm-bindgen
/// `catch` import keeps a slot of the module's externref table for good, so
/// a module fed throwing getters would grow without bound; these never
/// throw into the module.
struct Host {
    /// `(object, key)` → `object[key]`.
    get: Function,
    /// `object` → `Object.keys(object)`.
    keys: Function,
    /// `value` → `Array.isArray(value)`.
    is_array: Function,
    /// `(value, name)` → a genuine typed array named `name` over the same
    /// memory, read through the intrinsics, or `null`.
    typed: Function,
    /// `()` → what the last read threw.
    thrown: Function,
    /// What a read answers when it threw.
    marker: JsValue,
}

struct Global<T>(T);

// SAFETY: wasm32-unknown-unknown without atomics runs one thread.
unsafe impl<T> Sync for Global<T> {}

static HOST: Global<OnceCell<Host>> = Global(OnceCell::new());

/// Installs the readers (once; later calls change nothing).
#[wasm_bindgen(js_name = installHost)]
pub fn install_host(
    get: Function,
    keys: Function,
    is_array: Function,
    typed: Function,
    thrown: Function,
    marker: JsValue,
) {
    let _ = HOST.0.set(Host {
        get,
        keys,
        is_array,
        typed,
        thrown,
        marker,
    });
}

/// A read that threw: what it threw.
struct Threw(JsValue);

fn host() -> Option<&'static Host> {
    HOST.0.get()
}

/// Which read to do.
#[derive(Clone, Copy)]
enum Reader {
    Get,
    Keys,
    IsArray,
    Typed,
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Object, js_name = keys, catch)]
    fn object_keys(value: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_namespace = Array, js_name = isArray, catch)]
    fn is_array(value: &JsValue) -> Result<JsValue, JsValue>;
}

/// The same reads without the installed readers (the glue used on its own,
/// the wasm tests): correct, but a caught exception keeps its table slot.
fn read_directly(reader: Reader, args: &[&JsValue]) -> Result<JsValue, Threw> {
    let undefined = JsValue::UNDEFINED;
    let (first, second) = match args {
        [a, b] => (*a, *b),
        [a] => (*a, &undefined),
        _ => (&undefined, &undefined),
    };
    match reader {
        Reader::Get => js_sys::Reflect::get(first, second).map_err(Threw),
        Reader::Keys => object_keys(first).map_err(Threw),
        Reader::IsArray => is_array(first).map_err(Threw),
        // Only the installed reader has the intrinsics to tell a genuine
        // typed array from a fake one.
        Reader::Typed => Ok(JsValue::NULL),
    }
}

/// Does a read; a thrown exception comes back as [`Threw`].
fn read(reader: Reader, args: &[&JsValue]) -> Result<JsValue, Threw> {
    let Some(host) = host() else {
        return read_directly(reader, args);
    };
    let function = match reader {
        Reader::Get => &host.get,
        Reader::Keys => &host.keys,
        Reader::IsArray => &host.is_array,
        Reader::Typed => &host.typed,
    };
    let answer = match args {
        [a] => function.call1(&JsValue::UNDEFINED, a),
        [a, b] => function.call2(&JsValue::UNDEFINED, a, b),
        _ => function.call0(&JsValue::UNDEFINED),
    }
    .unwrap_or_else(|thrown| thrown);
    if answer == host.marker {
        Err(Threw(
            host.thrown.call0(&JsValue::UNDEFINED).unwrap_or_default(),
        ))
    } else {
        Ok(answer)
    }
}

/// A genuine typed array of type `name` over the same memory as `value`,
/// and its length, if `value` is one (a proxy, a fake prototype, a
/// subclass's own getters or a detached buffer is no typed array).
fn genuine(value: &JsValue, name: &str) -> Option<(JsValue, usize)> {
    let view = read(Reader::Typed, &[value, &JsValue::from_str(name)]).ok()?;
    if view.is_null() {
        return None;
    }
    let length = read(Reader::Get, &[&view, &JsValue::from_str("length")]).ok()?;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // a typed array's length
    Some((view, length.as_f64()? as usize))
}

/// A JavaScript value being decoded.
pub(crate) struct JS(pub(crate) JsValue);

fn describe_thrown(Threw(thrown): Threw) -> String {
    let message = read(Reader::Get, &[&thrown, &JsValue::from_str("message")])
        .ok()
        .and_then(|m| m.as_string());
    match message {
        Some(message) => quote(&message),
        None => JS(thrown).describe(),
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
            match read(Reader::IsArray, &[value]) {
                Ok(answer) if answer.as_bool() == Some(true) => Shape::Array,
                Ok(_) | Err(_) => Shape::Object,
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
        match read(Reader::Get, &[&self.0, &JsValue::from_str(name)]) {
            Ok(value) if value.is_undefined() => Ok(None),
            Ok(value) => Ok(Some(JS(value))),
            Err(thrown) => Err(describe_thrown(thrown)),
        }
    }

    fn key_count(&self) -> Result<usize, String> {
        read(Reader::Keys, &[&self.0])
            .map(|keys| keys.unchecked_into::<Array>().length() as usize)
            .map_err(describe_thrown)
    }

    fn keys(&self, max_bytes: usize) -> Result<Vec<String>, String> {
        let keys = read(Reader::Keys, &[&self.0]).map_err(describe_thrown)?;
        Ok(keys
            .unchecked_into::<Array>()
            .iter()
            .map(|key| match JS(key).string(max_bytes) {
                StringRead::Found(key) => key,
                StringRead::TooLong | StringRead::NotString => "(a very long key)".to_owned(),
            })
            .collect())
    }

    fn length(&self) -> Result<usize, String> {
        let length =
            read(Reader::Get, &[&self.0, &JsValue::from_str("length")]).map_err(describe_thrown)?;
        // A real array is shorter than 2^32; `as` saturates a proxy's lie
        // (and maps NaN to 0), and decoding stops at the first bad element.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        Ok(length
            .as_f64()
            .map_or(0, |length| length.min(f64::from(u32::MAX)) as usize))
    }

    fn element(&self, index: usize) -> Result<Self, String> {
        read(Reader::Get, &[&self.0, &JsValue::from_f64(index as f64)])
            .map(JS)
            .map_err(describe_thrown)
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
