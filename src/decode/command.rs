//! Strict decoding of the commands an operator signs: node ids are u64s,
//! taken only where they are exact (a bigint, a decimal string, a safe
//! integer), never rounded through a float.

use super::input::{quote, Input, StringRead};
use super::object::{expected, fail, ObjectReader};
use super::types::{optional_millis, tag_field};
use super::Path;
use crate::error::{InputError, InputErrorCode};
use crate::event::EventKind;
use crate::signing::{AdminCommand, NodeId};
use crate::text::Text;
use crate::OperatorAction;

use InputErrorCode::{InvalidEvent, InvalidInput};

const NODE_ID: &str = "a node id in 0 ..= 2^64 - 1 (a bigint or a decimal string)";

/// A node id: a bigint, a decimal string of digits, or a safe-integer
/// number, within `0 ..= 2^64 - 1`.
#[inline(never)]
pub(crate) fn node_id<V: Input>(value: &V, path: &Path<'_>) -> Result<NodeId, InputError> {
    let refuse = |got: &str| {
        let problem = Text::new().s("expected ").s(NODE_ID).s(", got ").s(got);
        fail(InvalidInput, path, &problem.done())
    };
    if let Some(digits) = value.integer_text() {
        return digits.parse::<u64>().map_err(|_| refuse(&digits));
    }
    match value.string(24) {
        StringRead::Found(text) => canonical_decimal(&text).ok_or_else(|| {
            // `"042"`: the digits of a number, written with leading zeros.
            let trimmed = text.trim_start_matches('0');
            let canonical = if trimmed.is_empty() { "0" } else { trimmed };
            let mut got = Text::new().s(&quote(&text));
            if canonical.len() < text.len() && canonical_decimal(canonical).is_some() {
                got = got.s(" (no leading zeros: ").s(&quote(canonical)).s(")");
            }
            refuse(&got.done())
        }),
        StringRead::TooLong | StringRead::NotString => {
            Err(expected(InvalidInput, path, NODE_ID, value))
        }
    }
}

/// `text` as a u64 if it is plain decimal digits without a leading zero
/// (`"0"` itself excepted) and at most 2^64 - 1.
pub(super) fn canonical_decimal(text: &str) -> Option<u64> {
    let digits_only = !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    let leading_zero = text.len() > 1 && text.starts_with('0');
    if digits_only && !leading_zero {
        text.parse().ok()
    } else {
        None
    }
}

/// `{type: "EnterMaintenance", node, drainForMs?}` or `{type:
/// "ExitMaintenance", node}`: an operator action addressed to a node. No
/// `force`: the node's `AdminEvent` has none, so it would not be signed.
#[inline(never)]
pub(crate) fn admin_command<V: Input>(
    value: &V,
    path: &Path<'_>,
) -> Result<AdminCommand, InputError> {
    let mut reader = ObjectReader::open(value, path, InvalidEvent, "a command object")?;
    let kind = tag_field(
        &mut reader,
        "type",
        &OperatorAction::KINDS,
        OperatorAction::NAMES,
    )?;
    // Every problem with the node id is `INVALID_INPUT`, a missing one too.
    let node_path = path.field("node");
    let node_value = reader
        .optional("node")?
        .ok_or_else(|| fail(InvalidInput, &node_path, "required field is missing"))?;
    let node = node_id(&node_value, &node_path)?;
    let (command, fields): (AdminCommand, &[&str]) = match kind {
        EventKind::EnterMaintenance => {
            let drain_for_ms = optional_millis(&mut reader, "drainForMs")?;
            (
                AdminCommand::EnterMaintenance { node, drain_for_ms },
                &["type", "node", "drainForMs"],
            )
        }
        EventKind::ExitMaintenance => (AdminCommand::ExitMaintenance { node }, &["type", "node"]),
        // `tag_field` only yields `OperatorAction::KINDS`; an operator action
        // without an admin command refuses here (and its payload vectors fail).
        _ => {
            return Err(fail(
                InvalidEvent,
                &path.field("type"),
                "expected an operator action",
            ))
        }
    };
    reader.finish(fields)?;
    Ok(command)
}

#[cfg(test)]
mod tests {
    use super::canonical_decimal;

    #[test]
    fn only_canonical_decimals() {
        assert_eq!(canonical_decimal("0"), Some(0));
        assert_eq!(canonical_decimal("18446744073709551615"), Some(u64::MAX));
        for bad in [
            "",
            "01",
            "+1",
            "-1",
            " 1",
            "1 ",
            "1e3",
            "0x10",
            "18446744073709551616",
            "１",
        ] {
            assert_eq!(canonical_decimal(bad), None, "{bad:?}");
        }
    }
}
