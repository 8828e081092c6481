//! The binding's wasm tests, run in headless Chromium by
//! wasm-bindgen-test-runner (with `CHROMEDRIVER` set).
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

#[path = "wasm/binding.rs"]
mod binding;
