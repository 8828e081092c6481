//! JavaScript strings the binding uses again and again, created once:
//! making a JS string from wasm memory costs far more than a lookup. No
//! borrow is held while JavaScript runs, and a string first seen while the
//! cache is busy is simply not cached.

use std::cell::{OnceCell, RefCell};

use wasm_bindgen::{JsCast, JsValue};

use crate::Message;

/// A few hundred entries at most, so a sorted `Vec` with binary search: as
/// fast as a hash map here, and no hash table code in the module.
type Cache<K> = RefCell<Vec<(K, JsValue)>>;

/// A value for the module's one thread. `wasm32-unknown-unknown` without the
/// `atomics` feature cannot run Rust on a second thread, so a plain static
/// needs none of `thread_local!`'s machinery (which costs the module ~2 KB).
pub(crate) struct Global<T>(T);

// SAFETY: there is no second thread to share it with (see above).
unsafe impl<T> Sync for Global<T> {}

#[cfg(target_feature = "atomics")]
compile_error!("the binding's caches assume a single-threaded wasm module");

/// Slots for static strings (field names, kinds, outcomes), by address:
/// open addressing over a table far larger than the few dozen strings, so
/// a lookup is a hash and a compare, and hands out a `&'static` (no clone).
const SLOTS: usize = 256;
static STATIC: Global<[OnceCell<(usize, JsValue)>; SLOTS]> =
    Global([const { OnceCell::new() }; SLOTS]);
/// Verdict messages, by their key: a few hundred at most, since a message
/// is made of event, state and reason names only.
static MESSAGES: Global<Cache<Message>> = Global(RefCell::new(Vec::new()));
/// Lookup maps for tag names, by the address of the static list of names.
static TAG_MAPS: Global<Cache<usize>> = Global(RefCell::new(Vec::new()));

/// The cached value for `key`, made by `make` on first use. Not generic
/// over what the caller does with it, so there is one copy of this code
/// per cache, not one per call site.
fn cached<K: Ord + Copy>(cache: &Global<Cache<K>>, key: K, make: &dyn Fn() -> JsValue) -> JsValue {
    let cache = &cache.0;
    let found = cache.try_borrow().ok().and_then(|entries| {
        let index = entries.binary_search_by(|(k, _)| k.cmp(&key)).ok()?;
        entries.get(index).map(|(_, value)| value.clone())
    });
    found.unwrap_or_else(|| {
        let value = make();
        if let Ok(mut entries) = cache.try_borrow_mut() {
            if let Err(slot) = entries.binary_search_by(|(k, _)| k.cmp(&key)) {
                entries.insert(slot, (key, value.clone()));
            }
        }
        value
    })
}

/// A JS `Map` from each of `names` to its position, made once per list.
pub(crate) fn tag_map(names: &'static [&'static str]) -> js_sys::Map {
    let map = cached(&TAG_MAPS, names.as_ptr() as usize, &|| {
        let map = js_sys::Map::new();
        for (index, name) in names.iter().enumerate() {
            map.set(&js_static(name), &JsValue::from_f64(index as f64));
        }
        map.into()
    });
    map.unchecked_into()
}

/// The cached JS string for a static Rust string, if it has (or gets) a slot.
fn static_slot(text: &'static str) -> Option<&'static JsValue> {
    let address = text.as_ptr() as usize;
    let start = address.wrapping_mul(0x9E37_79B9) >> 24;
    for probe in 0..8 {
        let cell = STATIC.0.get(start.wrapping_add(probe) % SLOTS)?;
        match cell.get() {
            Some((a, value)) if *a == address => return Some(value),
            Some(_) => continue,
            None => {
                let _ = cell.set((address, JsValue::from_str(text)));
                return cell.get().map(|(_, value)| value);
            }
        }
    }
    None
}

/// The JS string for a static Rust string.
pub(crate) fn js_static(text: &'static str) -> JsValue {
    with_static(text, JsValue::clone)
}

/// Runs `f` with the JS string for a static Rust string.
pub(crate) fn with_static<R>(text: &'static str, f: impl FnOnce(&JsValue) -> R) -> R {
    match static_slot(text) {
        Some(value) => f(value),
        // Eight collisions in a row: cannot happen with the module's few
        // dozen strings, but would only cost a conversion.
        None => f(&JsValue::from_str(text)),
    }
}

/// Runs `f` with the JS string of a verdict message. Messages that carry
/// times (a freeze's end, an envelope's age) are not cached: there is one
/// per time.
pub(crate) fn with_message<R>(message: Message, f: impl FnOnce(&JsValue) -> R) -> R {
    if message.carries_times() {
        return f(&JsValue::from_str(&message.to_string()));
    }
    f(&cached(&MESSAGES, message, &|| {
        JsValue::from_str(&message.to_string())
    }))
}
