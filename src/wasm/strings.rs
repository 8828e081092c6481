//! JavaScript strings the binding uses again and again, created once.
//! Making a JS string from wasm memory costs far more than a lookup, and
//! lending the cached value (instead of cloning it) saves a table slot per
//! use. A lookup holds a shared borrow while the caller's closure runs; if
//! JavaScript re-enters the module meanwhile (a user getter), nested lookups
//! still work, and a string first seen then is simply not cached.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::thread::LocalKey;

use wasm_bindgen::JsValue;

use crate::Message;

type Cache<K> = RefCell<HashMap<K, JsValue, BuildHasherDefault<Fnv>>>;

thread_local! {
    /// By the address of a `&'static str` (field names, kinds, outcomes).
    static STATIC: Cache<usize> = RefCell::new(HashMap::default());
    /// Verdict messages, by their key: a few hundred at most, since a
    /// message is made of event, state and reason names only.
    static MESSAGES: Cache<Message> = RefCell::new(HashMap::default());
}

fn with_cached<K: Hash + Eq + Copy, R>(
    cache: &'static LocalKey<Cache<K>>,
    key: K,
    make: impl FnOnce() -> JsValue,
    f: impl FnOnce(&JsValue) -> R,
) -> R {
    cache.with(|cache| {
        if let Ok(map) = cache.try_borrow() {
            if let Some(value) = map.get(&key) {
                return f(value);
            }
        }
        let value = make();
        if let Ok(mut map) = cache.try_borrow_mut() {
            map.insert(key, value.clone());
        }
        f(&value)
    })
}

/// Runs `f` with the JS string for a static Rust string.
pub(crate) fn with_static<R>(text: &'static str, f: impl FnOnce(&JsValue) -> R) -> R {
    with_cached(
        &STATIC,
        text.as_ptr() as usize,
        || JsValue::from_str(text),
        f,
    )
}

/// The JS string for a static Rust string, as an owned value.
pub(crate) fn js_static(text: &'static str) -> JsValue {
    with_static(text, JsValue::clone)
}

/// Runs `f` with the JS string of a verdict message.
pub(crate) fn with_message<R>(message: Message, f: impl FnOnce(&JsValue) -> R) -> R {
    with_cached(
        &MESSAGES,
        message,
        || JsValue::from_str(&message.to_string()),
        f,
    )
}

/// FNV-1a: short keys, and no adversary (the keys are the module's own).
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for byte in bytes {
            hash = (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}
