//! The JavaScript binding: converts values and reports errors, nothing else.
//! Every rule it exposes lives in the plain-Rust modules of the crate.

pub mod api;
mod convert;
mod errors;
mod input;
pub mod machine;
mod output;
pub mod packed;
mod shapes;
mod strings;
mod typescript;
