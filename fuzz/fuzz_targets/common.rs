//! What the JSON fuzz targets share: the input taken apart into arguments,
//! and the check every refused argument must pass.
#![allow(dead_code)] // each target uses its own part

use mesh_maintenance::json::Json;
use mesh_maintenance::InputError;
use serde_json::Value;

/// An array is the argument list; anything else is the one argument. An
/// argument past the end reads as omitted.
pub struct Arguments<'a>(Vec<Json<'a>>);

impl<'a> Arguments<'a> {
    pub fn of(value: &'a Value) -> Arguments<'a> {
        Arguments(match value {
            Value::Array(items) => items.iter().map(Some).collect(),
            other => vec![Some(other)],
        })
    }

    pub fn get(&self, index: usize) -> Json<'a> {
        self.0.get(index).copied().flatten()
    }
}

/// The error names a path under one of `roots`, and the message starts with it.
pub fn check<T>(result: &Result<T, InputError>, roots: &[&str]) {
    if let Err(error) = result {
        let path = error.path();
        let root = path.split(['.', '[']).next().unwrap_or_default();
        assert!(
            roots.contains(&root),
            "path {path:?} is not under {roots:?}"
        );
        assert!(
            error.message().starts_with(&format!("{path}: ")),
            "{}",
            error.message()
        );
    }
}
