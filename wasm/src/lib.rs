//! The JavaScript binding of `mesh-maintenance`: it converts values and
//! reports errors, nothing else. Every rule, decoder and message is in the
//! core crate. One crate, three modules (each its own `.wasm`, chosen by a
//! feature), so a page pays only for what it imports:
//!
//! - `rules`: the fast path ([`fast`], numbers in and out, described in
//!   [`protocol`]) and its slow path ([`rules`]: strict decoding of whole
//!   arguments, answered canonically for the fast path to run again);
//! - `gate`: node snapshot views, signing payloads, signed commits and
//!   operator registries ([`gate`]);
//! - `bulk`: the columnar replay and fleet reconcile ([`bulk`]).
//!
//! No `wasm-bindgen`: the module imports nothing, and `js/` reads and
//! writes its memory through the exports of [`exchange`], arguments and
//! answers in the value encoding of [`protocol::ValueTag`] ([`value`],
//! [`answer`]).
#![no_std]

extern crate alloc;
// Native builds (the protocol generator, the tests) link std.
#[cfg(not(target_arch = "wasm32"))]
extern crate std;

#[macro_use]
mod global;

#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
mod allocator;
pub mod answer;
#[cfg(feature = "bulk")]
pub mod bulk;
pub mod canonical;
pub mod exchange;
#[cfg(feature = "rules")]
pub mod fast;
#[cfg(feature = "gate")]
pub mod gate;
pub mod protocol;
#[cfg(feature = "rules")]
pub mod rules;
pub mod value;

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: allocator::Allocator = allocator::Allocator::new();

/// No unwinding on wasm32 (`panic = "abort"`), and no message: formatting
/// one would link `core::fmt`. The core denies every panicking construct;
/// this only runs on a bug, and traps.
#[cfg(target_arch = "wasm32")]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}
