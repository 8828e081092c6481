//! Strict decoding of signed commits and operator registries. Bytes (a
//! signature, a public key) come as a `Uint8Array`, as hex, or as base64url:
//! a string of hex digits of even length is hex, anything else base64url.

use super::command::{admin_command, node_id};
use alloc::string::String;
use alloc::vec::Vec;

use super::input::{quote, Input, StringRead};
use super::object::{expected, fail, threw, ObjectReader};
use super::types::timestamp;
use super::Path;
use crate::error::{InputError, InputErrorCode};
use crate::text::Text;
use crate::verification::{OperatorRegistry, PublicKey, SignedCommit};

use InputErrorCode::{InvalidConfig, InvalidInput};

/// The longest signature accepted for checking, in bytes: longer is
/// malformed rather than merely invalid.
const MAX_SIGNATURE_BYTES: usize = 1024;
/// The most operators a registry may name.
const MAX_OPERATORS: usize = 4096;

/// `{command, issuedAt, signature: {operatorId, signature}}`.
#[inline(never)]
pub(crate) fn signed_commit<V: Input>(
    value: &V,
    path: &Path<'_>,
) -> Result<SignedCommit, InputError> {
    let mut reader = ObjectReader::open(value, path, InvalidInput, "a signed commit object")?;
    let command_value = reader.required("command")?;
    let command = admin_command(&command_value, &path.field("command"))?;
    let issued_value = reader.required("issuedAt")?;
    let issued_at = timestamp(&issued_value, &path.field("issuedAt"))?;
    let signature_value = reader.required("signature")?;
    let signature_path = path.field("signature");
    let mut signature = ObjectReader::open(
        &signature_value,
        &signature_path,
        InvalidInput,
        "an {operatorId, signature} object",
    )?;
    let operator_value = signature.required("operatorId")?;
    let operator_id = node_id(&operator_value, &signature_path.field("operatorId"))?;
    let bytes_value = signature.required("signature")?;
    let bytes = bytes(
        &bytes_value,
        &signature_path.field("signature"),
        InvalidInput,
        MAX_SIGNATURE_BYTES,
    )?;
    signature.finish(&["operatorId", "signature"])?;
    reader.finish(&["command", "issuedAt", "signature"])?;
    Ok(SignedCommit {
        command,
        issued_at,
        operator_id,
        signature: bytes,
    })
}

/// `{"<operator id>": "<raw 32-byte Ed25519 public key>"}`, ids as decimal
/// strings, keys in hex or base64url. Malformed: `INVALID_CONFIG`, naming
/// the entry (`registry["7"]`).
#[inline(never)]
pub(crate) fn registry<V: Input>(
    value: &V,
    path: &Path<'_>,
) -> Result<OperatorRegistry, InputError> {
    let _ = ObjectReader::open(
        value,
        path,
        InvalidConfig,
        "an object of operator ids to public keys",
    )?;
    let ids = value
        .keys(64)
        .map_err(|thrown: String| threw(InvalidConfig, path, "listing the keys", &thrown))?;
    if ids.len() > MAX_OPERATORS {
        let problem = Text::new()
            .s("expected at most ")
            .n(MAX_OPERATORS as u64)
            .s(" operators, got ")
            .n(ids.len() as u64);
        return Err(fail(InvalidConfig, path, &problem.done()));
    }
    let mut registry = OperatorRegistry::default();
    for id in ids {
        let entry = Text::new()
            .s(&path.render())
            .s("[")
            .s(&quote(&id))
            .s("]")
            .done();
        let bad = |problem: &str| InputError::new(InvalidConfig, entry.clone(), problem);
        let operator = super::command::canonical_decimal(&id)
            .ok_or_else(|| bad("expected an operator id in 0 ..= 2^64 - 1 as a decimal string"))?;
        let key_value = value
            .member(&id)
            .map_err(|thrown| bad(&Text::new().s("reading the entry threw ").s(&thrown).done()))?
            .ok_or_else(|| bad("expected a public key, got undefined"))?;
        let key = text_bytes(&key_value, 32)
            .and_then(|bytes| PublicKey::try_from(bytes.as_slice()).ok())
            .ok_or_else(|| {
                let problem = Text::new()
                    .s("expected a raw 32-byte Ed25519 public key in hex or base64url, got ")
                    .s(&key_value.describe());
                bad(&problem.done())
            })?;
        registry.insert(operator, key);
    }
    Ok(registry)
}

/// A `Uint8Array`, or a hex or base64url string, of at most `max` bytes.
fn bytes<V: Input>(
    value: &V,
    path: &Path<'_>,
    code: InputErrorCode,
    max: usize,
) -> Result<Vec<u8>, InputError> {
    const WHAT: &str = "a Uint8Array, a hex string or a base64url string";
    match value.bytes(max) {
        Some(Ok(bytes)) => return Ok(bytes),
        Some(Err(length)) => {
            let problem = Text::new()
                .s("expected at most ")
                .n(max as u64)
                .s(" bytes, got ")
                .n(length as u64);
            return Err(fail(code, path, &problem.done()));
        }
        None => {}
    }
    text_bytes(value, max).ok_or_else(|| expected(code, path, WHAT, value))
}

/// The bytes a hex or base64url string encodes, if it is one of at most
/// `max` bytes.
fn text_bytes<V: Input>(value: &V, max: usize) -> Option<Vec<u8>> {
    // Base64url is the longer encoding: 4 characters per 3 bytes, plus padding.
    let StringRead::Found(text) = value.string(max.saturating_mul(2).saturating_add(4)) else {
        return None;
    };
    let bytes = hex(&text).or_else(|| base64url(&text))?;
    (bytes.len() <= max).then_some(bytes)
}

fn hex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    text.as_bytes()
        .chunks(2)
        .map(|pair| {
            let digits = core::str::from_utf8(pair).ok()?;
            u8::from_str_radix(digits, 16).ok()
        })
        .collect()
}

/// Base64url (RFC 4648 section 5), padded or not.
fn base64url(text: &str) -> Option<Vec<u8>> {
    let unpadded = text.trim_end_matches('=');
    if text.len().saturating_sub(unpadded.len()) > 2 || unpadded.len() % 4 == 1 {
        return None;
    }
    let mut bytes = Vec::with_capacity(unpadded.len().saturating_mul(3) / 4);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in unpadded.bytes() {
        let sextet = match c {
            b'A'..=b'Z' => c.wrapping_sub(b'A'),
            b'a'..=b'z' => c.wrapping_sub(b'a').wrapping_add(26),
            b'0'..=b'9' => c.wrapping_sub(b'0').wrapping_add(52),
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(sextet);
        bits = bits.wrapping_add(6);
        if bits >= 8 {
            bits = bits.wrapping_sub(8);
            #[allow(clippy::cast_possible_truncation)] // the low byte
            bytes.push((buffer >> bits) as u8);
            buffer &= (1u32 << bits).wrapping_sub(1);
        }
    }
    // Leftover bits must be zero (a canonical encoding).
    (buffer == 0).then_some(bytes)
}

#[cfg(test)]
mod tests {
    use super::{base64url, hex};
    use alloc::vec;

    #[test]
    fn hex_and_base64url() {
        assert_eq!(hex("00ff10"), Some(vec![0, 255, 16]));
        assert_eq!(hex("0"), None);
        assert_eq!(hex("zz"), None);
        assert_eq!(base64url("AP8Q"), Some(vec![0, 255, 16]));
        assert_eq!(base64url("-_8"), Some(vec![0xfb, 0xff]));
        assert_eq!(base64url("-_8="), Some(vec![0xfb, 0xff]));
        assert_eq!(base64url("QQ"), Some(vec![b'A']));
        assert_eq!(base64url("QR"), None, "non-zero leftover bits");
        assert_eq!(base64url("Q"), None);
        assert_eq!(base64url("a+b/"), None, "standard base64 characters");
    }
}
