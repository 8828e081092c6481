//! The JavaScript binding: converts values and reports errors, nothing else.
//! Every rule it exposes lives in the plain-Rust modules of the crate.

mod api;
mod convert;
mod errors;
mod input;
mod machine;
mod typescript;
