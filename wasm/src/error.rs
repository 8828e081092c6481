//! `MaintenanceInputError`: how malformed input reaches JavaScript.

use js_sys::{Error, Reflect};
use mesh_maintenance::InputError;
use wasm_bindgen::JsValue;

/// A JS `Error` named `MaintenanceInputError`, with `code` and `path`.
pub(crate) fn thrown(error: InputError) -> JsValue {
    let js_error = Error::new(error.message());
    js_error.set_name("MaintenanceInputError");
    // Own properties of a fresh Error: setting them cannot fail.
    let _ = Reflect::set(&js_error, &"code".into(), &error.code().as_str().into());
    let _ = Reflect::set(&js_error, &"path".into(), &error.path().into());
    js_error.into()
}
