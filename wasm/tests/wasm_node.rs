//! The binding's wasm tests, run in Node by wasm-bindgen-test-runner.
#![cfg(target_arch = "wasm32")]

#[path = "wasm/binding.rs"]
mod binding;
