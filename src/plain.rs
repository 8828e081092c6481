//! A JSON-like value that a binding turns into its own objects: the one
//! description of a shape that is neither a state nor a verdict (the views'
//! dialects), so the native JSON and the JavaScript objects cannot drift.

use alloc::string::String;
use alloc::vec::Vec;

use serde::ser::{Serialize, SerializeMap, Serializer};

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Plain {
    Null,
    Number(u64),
    /// A JavaScript `bigint`; a plain number in JSON.
    BigInt(u64),
    Text(String),
    /// Members in order.
    Object(Vec<(&'static str, Plain)>),
}

impl Serialize for Plain {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Plain::Null => serializer.serialize_unit(),
            Plain::Number(n) | Plain::BigInt(n) => serializer.serialize_u64(*n),
            Plain::Text(text) => serializer.serialize_str(text),
            Plain::Object(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                for (name, value) in members {
                    map.serialize_entry(name, value)?;
                }
                map.end()
            }
        }
    }
}
