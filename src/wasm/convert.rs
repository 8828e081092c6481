//! Rust values out to JavaScript; errors out as thrown exceptions.

use serde::Serialize;
use wasm_bindgen::JsValue;

use super::errors::input_error;
use crate::InputError;

/// Plain objects and arrays, `null` for `None`: the SPEC's JSON shape.
pub(crate) fn to_js<T: Serialize>(value: &T) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    // Every value the crate serializes fits JavaScript (times are at most
    // 2^53 - 1), so this cannot fail; `null` would be the answer if it did.
    value.serialize(&serializer).unwrap_or(JsValue::NULL)
}

/// The result for JavaScript: a converted value or a thrown
/// `MaintenanceInputError`.
pub(crate) fn answer<T: Serialize>(result: Result<T, InputError>) -> Result<JsValue, JsValue> {
    result
        .map(|value| to_js(&value))
        .map_err(|error| input_error(&error))
}

pub(crate) fn thrown(error: InputError) -> JsValue {
    input_error(&error)
}
