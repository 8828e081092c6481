//! The imports of `js/shapes.js`: fused field reads and object factories.
//! wasm-bindgen copies the file next to the glue as a snippet;
//! `scripts/build-pkg.sh` moves it to `pkg/shapes.js` (and a CommonJS twin).

use js_sys::{Array, Map};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/shapes.js")]
extern "C" {
    #[wasm_bindgen(js_name = numberField)]
    pub(crate) fn number_field(object: &JsValue, key: &JsValue) -> f64;
    #[wasm_bindgen(js_name = boolField)]
    pub(crate) fn bool_field(object: &JsValue, key: &JsValue) -> u8;
    #[wasm_bindgen(js_name = tagField)]
    pub(crate) fn tag_field(object: &JsValue, key: &JsValue, positions: &Map) -> i32;
    #[wasm_bindgen(js_name = keyCount)]
    pub(crate) fn key_count(object: &JsValue) -> i32;
    /// `array[index]`; a throwing getter or trap comes back as `Err`.
    #[wasm_bindgen(js_name = elementOf, catch)]
    pub(crate) fn element_of(array: &JsValue, index: f64) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = shapeOf)]
    pub(crate) fn shape_of(value: &JsValue) -> u8;

    #[wasm_bindgen(js_name = makeState)]
    pub(crate) fn make_state(
        kind: &JsValue,
        since: f64,
        deadline: f64,
        reason: &JsValue,
    ) -> JsValue;
    #[wasm_bindgen(js_name = makeVerdict)]
    pub(crate) fn make_verdict(
        outcome: &JsValue,
        from: &JsValue,
        to: &JsValue,
        code: &JsValue,
        message: &JsValue,
    ) -> JsValue;
    #[wasm_bindgen(js_name = makeAllowedActions)]
    pub(crate) fn make_allowed_actions(enter: bool, exit: bool, force: bool) -> JsValue;
    #[wasm_bindgen(js_name = makeReplayResult)]
    pub(crate) fn make_replay_result(
        state: &JsValue,
        applied: f64,
        unchanged: f64,
        rejected: &Array,
    ) -> JsValue;
    #[wasm_bindgen(js_name = typedArrayLength)]
    pub(crate) fn typed_array_length(value: &JsValue, tag: &str) -> f64;
    #[wasm_bindgen(js_name = copyFrom)]
    pub(crate) fn copy_from(source: &JsValue, start: f64, target: &JsValue) -> bool;
    #[wasm_bindgen(js_name = copyInto)]
    pub(crate) fn copy_into(source: &JsValue, target: &JsValue, start: f64) -> bool;
    #[wasm_bindgen(js_name = makePackedReplayResult)]
    pub(crate) fn make_packed_replay_result(
        state: &JsValue,
        applied: f64,
        unchanged: f64,
        rejected: &JsValue,
    ) -> JsValue;
    #[wasm_bindgen(js_name = makeFleet)]
    pub(crate) fn make_fleet(
        kind: &JsValue,
        since: &JsValue,
        deadline: &JsValue,
        changed: &JsValue,
    ) -> JsValue;
    #[wasm_bindgen(js_name = makeRejectedEntry)]
    pub(crate) fn make_rejected_entry(index: f64, verdict: &JsValue) -> JsValue;
}
