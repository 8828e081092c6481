//! `serde::Deserialize` for the input types, through the strict decoders,
//! so serde users get the same errors as JavaScript callers. This is the
//! only place the types meet serde's deserializer: they stay plain data.

use serde::de::Error;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::json::Json;
use super::Path;
use crate::conditions::Conditions;
use crate::config::Config;
use crate::error::{InputError, InputErrorCode};
use crate::event::Event;
use crate::replay::Entry;
use crate::state::MaintenanceState;
use crate::time::Millis;

fn via<'de, D, T>(
    deserializer: D,
    root: &'static str,
    decode: impl FnOnce(&Json<'_>, &Path<'_>) -> Result<T, InputError>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let value = Value::deserialize(deserializer)?;
    decode(&Some(&value), &Path::Root(root)).map_err(D::Error::custom)
}

impl<'de> Deserialize<'de> for MaintenanceState {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        via(deserializer, "state", |v, p| super::state(v, p))
    }
}

impl<'de> Deserialize<'de> for Event {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        via(deserializer, "event", |v, p| super::event(v, p))
    }
}

impl<'de> Deserialize<'de> for Config {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        via(deserializer, "config", |v, p| super::config(v, p))
    }
}

impl<'de> Deserialize<'de> for Conditions {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        via(deserializer, "conditions", |v, p| {
            super::conditions(v, p, InputErrorCode::InvalidInput)
        })
    }
}

impl<'de> Deserialize<'de> for Entry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        via(deserializer, "entry", |v, p| super::entry(v, p))
    }
}

impl<'de> Deserialize<'de> for Millis {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        via(deserializer, "value", |v, p| {
            super::types::millis(v, p, InputErrorCode::InvalidInput)
        })
    }
}
