//! The JavaScript binding: converts values and reports errors, nothing else.
//! Every rule it exposes lives in the plain-Rust modules of the crate.

pub mod api;
mod convert;
mod errors;
mod input;
pub mod machine;
mod output;
#[cfg(feature = "bulk")]
pub mod packed;
mod shapes;
mod strings;
mod typescript;

/// Talc instead of the default dlmalloc: smaller in the module and as fast;
/// it grows the wasm memory as needed.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
