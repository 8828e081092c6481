//! Helpers the native test files share (each test file includes this module).
#![allow(dead_code)] // each test file uses its own part

use serde_json::Value;

/// `{"$bigint": "N"}` marks a value JavaScript passes as a bigint; JSON
/// has none, so natively it is the exact integer literal serde keeps.
pub fn unmark_bigints(value: &Value) -> Value {
    match value {
        Value::Object(map) if map.len() == 1 && map.contains_key("$bigint") => {
            let digits = map["$bigint"].as_str().expect("$bigint holds digits");
            serde_json::from_str(digits).expect("$bigint digits within 64 bits")
        }
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(key, value)| (key.clone(), unmark_bigints(value)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(unmark_bigints).collect()),
        other => other.clone(),
    }
}

/// Lower-case hex, two digits a byte.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
