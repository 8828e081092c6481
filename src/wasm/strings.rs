//! JavaScript strings the binding uses again and again, created once:
//! making a JS string from wasm memory costs far more than a lookup. No
//! borrow is held while JavaScript runs, and a string first seen while the
//! cache is busy is simply not cached.

use std::cell::RefCell;

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

/// By the address of a `&'static str` (field names, kinds, outcomes).
static STATIC: Global<Cache<usize>> = Global(RefCell::new(Vec::new()));
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

/// The JS string for a static Rust string.
pub(crate) fn js_static(text: &'static str) -> JsValue {
    cached(&STATIC, text.as_ptr() as usize, &|| JsValue::from_str(text))
}

/// Runs `f` with the JS string for a static Rust string.
pub(crate) fn with_static<R>(text: &'static str, f: impl FnOnce(&JsValue) -> R) -> R {
    f(&js_static(text))
}

/// Runs `f` with the JS string of a verdict message.
pub(crate) fn with_message<R>(message: Message, f: impl FnOnce(&JsValue) -> R) -> R {
    f(&cached(&MESSAGES, message, &|| {
        JsValue::from_str(&message.to_string())
    }))
}
