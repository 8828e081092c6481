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

#[global_allocator]
// SAFETY: wasm32-unknown-unknown without atomics runs one thread.
static ALLOCATOR: lol_alloc::AssumeSingleThreaded<lol_alloc::FreeListAllocator> =
    unsafe { lol_alloc::AssumeSingleThreaded::new(lol_alloc::FreeListAllocator::new()) };
