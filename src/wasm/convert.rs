//! Results out to JavaScript: a converted value or a thrown error.

use wasm_bindgen::JsValue;

use super::errors::input_error;
use super::output::ToJs;
use crate::InputError;

/// A converted value, or a thrown `MaintenanceInputError`.
pub(crate) fn answer<T: ToJs>(result: Result<T, InputError>) -> Result<JsValue, JsValue> {
    result
        .map(|value| value.to_js())
        .map_err(|error| input_error(&error))
}

pub(crate) fn thrown(error: InputError) -> JsValue {
    input_error(&error)
}
