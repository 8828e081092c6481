//! `MaintenanceInputError`: how malformed input reaches JavaScript.

use js_sys::{Error, Reflect};
use wasm_bindgen::JsValue;

use crate::InputError;

/// A JS `Error` named `MaintenanceInputError`, with `code` and `path`.
pub(crate) fn input_error(error: &InputError) -> JsValue {
    let js_error = Error::new(error.message());
    js_error.set_name("MaintenanceInputError");
    // Setting own properties on a fresh Error cannot fail.
    let _ = Reflect::set(
        &js_error,
        &JsValue::from_str("code"),
        &JsValue::from_str(error.code().as_str()),
    );
    let _ = Reflect::set(
        &js_error,
        &JsValue::from_str("path"),
        &JsValue::from_str(error.path()),
    );
    js_error.into()
}
