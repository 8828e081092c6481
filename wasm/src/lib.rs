//! The JavaScript binding of `mesh-maintenance`: it converts values and
//! throws errors, nothing else. Every rule, decoder and message is in the
//! core crate; `js/api.js` is the public API, and crosses into this module
//! through the numbers of [`protocol`] (the fast path) or with the
//! `JsValue`s themselves (the slow path, [`slow`]).
#![no_std]

extern crate alloc;
// Native builds (the protocol generator, its test) and the wasm test runs
// (`--features std`, for wasm-bindgen-test) link std and its panic handler.
#[cfg(any(feature = "std", not(target_arch = "wasm32")))]
extern crate std;

pub mod bulk;
mod error;
pub mod fast;
mod js;
mod output;
pub mod protocol;
pub mod slow;

use wasm_bindgen::prelude::*;

/// The module's memory, where [`fast`] leaves its numbers.
#[wasm_bindgen(js_name = wasmMemory)]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// No unwinding on wasm32 (`panic = "abort"`), and no message: formatting
/// one would link `core::fmt`. The core denies every panicking construct;
/// this only runs on a bug, and traps.
#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}
