//! The columnar batch API (`replayPacked`, `reconcileFleet`): typed arrays
//! are copied into the module a chunk at a time, through the intrinsics of
//! `js/shapes.js`, and handed to [`crate::packed`] as slices.

use js_sys::{Float64Array, Uint32Array, Uint8Array};
use wasm_bindgen::prelude::*;

use super::convert::thrown;
use super::input::Js;
use super::output::ToJs;
use super::shapes::{
    copy_from, copy_into, make_fleet, make_packed_replay_result, typed_array_length,
};
use crate::decode::{self, expected, ObjectReader, Path};
use crate::packed::{self, FleetColumns, PackedReplay};
use crate::{untyped, InputError, InputErrorCode};

/// Entries copied into the module at a time: bounded memory whatever the
/// chain's length, and small enough to stay in cache.
const CHUNK: usize = 16 * 1024;

/// One column: its JS typed array and its length.
struct Column {
    array: JsValue,
    length: usize,
}

fn column(
    reader: &mut ObjectReader<'_, '_, Js>,
    name: &'static str,
    tag: &str,
) -> Result<Column, InputError> {
    let value = reader.required(name)?;
    let length = typed_array_length(&value.0, tag);
    if length < 0.0 {
        return Err(expected(
            InputErrorCode::InvalidInput,
            &reader.path().field(name),
            &format!("a {tag}"),
            &value,
        ));
    }
    #[allow(clippy::cast_possible_truncation)] // a typed array's length
    Ok(Column {
        array: value.0,
        length: length as usize,
    })
}

fn copy_failed(name: &'static str) -> InputError {
    let path = Path::Root("columns");
    decode::fail(
        InputErrorCode::InvalidInput,
        &path.field(name),
        "could not be read as a typed array",
    )
}

/// Copies `column[start ..]` into all of `view`, a view of a module buffer.
fn read_into(
    column: &Column,
    name: &'static str,
    start: usize,
    view: &js_sys::Object,
) -> Result<(), InputError> {
    copy_from(&column.array, start as f64, view)
        .then_some(())
        .ok_or_else(|| copy_failed(name))
}

/// Copies `column[start .. start + buffer.len()]` into `buffer`.
fn read_u8(
    column: &Column,
    name: &'static str,
    start: usize,
    buffer: &mut [u8],
) -> Result<(), InputError> {
    // SAFETY: the view lives only for this call, and nothing in between can
    // grow (and so detach) the module's memory.
    let view = unsafe { Uint8Array::view_mut_raw(buffer.as_mut_ptr(), buffer.len()) };
    read_into(column, name, start, &view)
}

fn read_f64(
    column: &Column,
    name: &'static str,
    start: usize,
    buffer: &mut [f64],
) -> Result<(), InputError> {
    // SAFETY: as in `read_u8`.
    let view = unsafe { Float64Array::view_mut_raw(buffer.as_mut_ptr(), buffer.len()) };
    read_into(column, name, start, &view)
}

fn chunks(length: usize) -> impl Iterator<Item = (usize, usize)> {
    (0..length)
        .step_by(CHUNK)
        .map(move |start| (start, CHUNK.min(length.saturating_sub(start))))
}

/// Replays a packed chain (see `crate::packed` for the codes).
#[wasm_bindgen(js_name = replayPacked, unchecked_return_type = "PackedReplayResult")]
pub fn replay_packed(
    #[wasm_bindgen(unchecked_param_type = "PackedChain")] columns: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ReplayOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    replay_columns(&Js(columns), &Js(options)).map_err(thrown)
}

fn replay_columns(columns: &Js, options: &Js) -> Result<JsValue, InputError> {
    let options = decode::replay_options(options, &Path::Root("options"))?;
    let path = Path::Root("columns");
    let mut reader = ObjectReader::open(
        columns,
        &path,
        InputErrorCode::InvalidInput,
        "a columns object",
    )?;
    let kinds = column(&mut reader, "kind", "Uint8Array")?;
    let at = column(&mut reader, "at", "Float64Array")?;
    let params = column(&mut reader, "param", "Float64Array")?;
    reader.finish(&["kind", "at", "param"])?;
    packed::check_length("at", at.length, kinds.length)?;
    packed::check_length("param", params.length, kinds.length)?;

    let mut replay = PackedReplay::new(options.initial, options.config);
    let (mut kind_buffer, mut at_buffer, mut param_buffer) =
        (vec![0u8; CHUNK], vec![0.0; CHUNK], vec![0.0; CHUNK]);
    for (start, length) in chunks(kinds.length) {
        let (Some(k), Some(a), Some(p)) = (
            kind_buffer.get_mut(..length),
            at_buffer.get_mut(..length),
            param_buffer.get_mut(..length),
        ) else {
            break;
        };
        read_u8(&kinds, "kind", start, k)?;
        read_f64(&at, "at", start, a)?;
        read_f64(&params, "param", start, p)?;
        replay.push(k, a, p)?;
    }
    let outcome = replay.finish();
    let rejected = Uint32Array::from(outcome.rejected.as_slice());
    Ok(make_packed_replay_result(
        &outcome.state.to_js(),
        outcome.applied as f64,
        outcome.unchanged as f64,
        &rejected,
    ))
}

/// Reconciles a whole packed fleet at `now`; returns new columns and the
/// indices of the nodes that moved. The arguments are not modified.
#[wasm_bindgen(js_name = reconcileFleet, unchecked_return_type = "PackedFleetResult")]
pub fn reconcile_fleet(
    #[wasm_bindgen(unchecked_param_type = "PackedFleet")] fleet: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] now: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Config")] config: JsValue,
) -> Result<JsValue, JsValue> {
    reconcile_columns(&Js(fleet), &Js(now), &Js(config)).map_err(thrown)
}

fn reconcile_columns(fleet: &Js, now: &Js, config: &Js) -> Result<JsValue, InputError> {
    let path = Path::Root("columns");
    let mut reader = ObjectReader::open(
        fleet,
        &path,
        InputErrorCode::InvalidInput,
        "a fleet columns object",
    )?;
    let kinds = column(&mut reader, "kind", "Uint8Array")?;
    let since = column(&mut reader, "since", "Float64Array")?;
    let deadline = column(&mut reader, "deadline", "Float64Array")?;
    let conditions = column(&mut reader, "conditions", "Uint8Array")?;
    reader.finish(&["kind", "since", "deadline", "conditions"])?;
    let now = untyped::timestamp(now)?;
    let config = decode::config(config, &Path::Root("config"))?;
    packed::check_length("since", since.length, kinds.length)?;
    packed::check_length("deadline", deadline.length, kinds.length)?;
    packed::check_length("conditions", conditions.length, kinds.length)?;

    let n = kinds.length;
    let n32 = u32::try_from(n).map_err(|_| {
        decode::fail(
            InputErrorCode::InvalidInput,
            &path.field("kind"),
            "expected at most 2^32 - 1 nodes",
        )
    })?;
    let out = (
        Uint8Array::new_with_length(n32),
        Float64Array::new_with_length(n32),
        Float64Array::new_with_length(n32),
    );
    let mut changed = Vec::new();
    let mut buffers = (
        vec![0u8; CHUNK],
        vec![0.0; CHUNK],
        vec![0.0; CHUNK],
        vec![0u8; CHUNK],
    );
    for (start, length) in chunks(n) {
        let (Some(k), Some(s), Some(d), Some(c)) = (
            buffers.0.get_mut(..length),
            buffers.1.get_mut(..length),
            buffers.2.get_mut(..length),
            buffers.3.get_mut(..length),
        ) else {
            break;
        };
        read_u8(&kinds, "kind", start, k)?;
        read_f64(&since, "since", start, s)?;
        read_f64(&deadline, "deadline", start, d)?;
        read_u8(&conditions, "conditions", start, c)?;
        let columns = FleetColumns {
            kinds: k,
            since: s,
            deadline: d,
            conditions: c,
        };
        packed::reconcile_fleet(columns, start, now, &config, &mut changed)?;
        // SAFETY: views over the chunk, used at once by `copy_into`.
        let copied = unsafe {
            copy_into(&Uint8Array::view(k), &out.0, start as f64)
                && copy_into(&Float64Array::view(s), &out.1, start as f64)
                && copy_into(&Float64Array::view(d), &out.2, start as f64)
        };
        if !copied {
            return Err(copy_failed("kind"));
        }
    }
    let changed = Uint32Array::from(changed.as_slice());
    Ok(make_fleet(&out.0, &out.1, &out.2, &changed))
}
