//! What a decoder needs to know about a value, whichever side it comes from.
//!
//! The strictness rules (unknown fields, the time domain, lengths) are written
//! once, in the decoders of this module's siblings, against the [`Input`]
//! trait. This crate implements it for `serde_json::Value`; the WebAssembly
//! binding implements it for the values its codec writes, reading fields in place instead of
//! converting whole objects.

use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;

use crate::num::{pow10, round, trunc};
use crate::text::{decimal, Text};

/// The JSON-ish type of a value. `Undefined` only arises in JavaScript.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    Undefined,
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
    /// A JavaScript `bigint` (`integer_text` has its digits).
    BigInt,
    /// A JavaScript `Date`: an object, but never the object a decoder wants,
    /// and a common mistake for a time.
    Date,
    /// A JavaScript value with no JSON counterpart (symbol, function).
    Other,
}

/// A string read under a size limit, so a 10 MB string is never copied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StringRead {
    NotString,
    TooLong,
    Found(String),
}

/// An untrusted value, as the decoders see it. Reads that can run foreign
/// code (JavaScript getters, proxy traps) return `Err` with a description
/// of what was thrown.
pub trait Input: Sized {
    fn shape(&self) -> Shape;
    fn number(&self) -> Option<f64>;
    fn boolean(&self) -> Option<bool>;
    /// The string, if this is one of at most `max_bytes` UTF-8 bytes.
    fn string(&self, max_bytes: usize) -> StringRead;
    /// A named field of an object; `None` when it is absent or `undefined`.
    fn field(&self, name: &'static str) -> Result<Option<Self>, String>;
    /// A member named at run time (a map's key); `None` when absent or
    /// `undefined`.
    fn member(&self, name: &str) -> Result<Option<Self>, String>;
    /// How many own enumerable keys the object has (cheap: no key is copied).
    fn key_count(&self) -> Result<usize, String>;
    /// The own enumerable keys, each cut to at most `max_bytes` bytes.
    fn keys(&self, max_bytes: usize) -> Result<Vec<String>, String>;
    /// The length of an array.
    fn length(&self) -> Result<usize, String>;
    fn element(&self, index: usize) -> Result<Self, String>;
    /// The bytes of a `Uint8Array` of at most `max_len` bytes (JavaScript
    /// only; JSON has no bytes). `Err(len)` when it is longer.
    fn bytes(&self, max_len: usize) -> Option<Result<Vec<u8>, usize>>;
    /// The numbers of a `Float64Array` (JavaScript only).
    fn floats(&self) -> Option<Vec<f64>>;
    /// The decimal digits of an integer known exactly: a JavaScript bigint
    /// or safe-integer number, or a JSON integer literal (which serde keeps
    /// exact to 64 bits). `None` for anything else, fractions and numbers
    /// beyond exactness included.
    fn integer_text(&self) -> Option<String>;
    /// A short rendering for an error message: `-5`, `"abc"`, `an object`.
    fn describe(&self) -> String;

    /// What reading this value threw, when a binding hands over a value it
    /// could not read (an array element behind a throwing getter).
    fn thrown(&self) -> Option<String> {
        None
    }

    /// The position of this string in `names`, if it is one of them. A
    /// binding may cache the lookup per `names` (it is always a static).
    fn tag(&self, names: &'static [&'static str]) -> Option<usize> {
        match self.string(TAG_BYTES) {
            StringRead::Found(text) => names.iter().position(|name| *name == text),
            StringRead::TooLong | StringRead::NotString => None,
        }
    }
}

/// Longer than any tag (`kind` or `type` value), so a tag is never copied whole.
pub(crate) const TAG_BYTES: usize = 32;

/// The longest string an error message quotes, in characters.
pub const QUOTE_CHARS: u32 = 40;

/// `s` in double quotes, cut to [`QUOTE_CHARS`] characters with an ellipsis;
/// quotes, backslashes and control characters escaped, nothing else
/// (Unicode's printable tables would weigh more than the module).
pub fn quote(s: &str) -> String {
    let mut quoted = String::new();
    quoted.push('"');
    let mut chars = s.chars();
    for c in chars.by_ref().take(QUOTE_CHARS as usize) {
        match c {
            '"' | '\\' => {
                quoted.push('\\');
                quoted.push(c);
            }
            // `\u{a}`: lower-case hex digits, no leading zeros.
            c if c.is_control() => quoted.extend(c.escape_unicode()),
            c => quoted.push(c),
        }
    }
    if chars.next().is_some() {
        quoted.push('…');
    }
    quoted.push('"');
    quoted
}

/// `s` cut to at most `max_bytes` bytes at a character boundary.
#[cfg_attr(not(feature = "json"), allow(dead_code))] // JSON's keys
pub(crate) fn truncate_to(s: &str, max_bytes: usize) -> &str {
    let mut end = s.len().min(max_bytes);
    while !s.is_char_boundary(end) {
        end = end.saturating_sub(1);
    }
    s.get(..end).unwrap_or_default()
}

/// A number for an error message, as JavaScript's `String(n)` prints it in
/// the common cases (integers, short fractions, `NaN`, `Infinity`, `1e+300`),
/// to 15 significant digits. Written without `core::fmt`, whose tables
/// would more than double the wasm module.
pub fn js_number(value: f64) -> String {
    if value.is_nan() {
        return "NaN".to_owned();
    }
    let sign = if value < 0.0 { "-" } else { "" };
    let magnitude = value.abs();
    if magnitude.is_infinite() {
        return Text::new().s(sign).s("Infinity").done();
    }
    if magnitude == 0.0 {
        return "0".to_owned();
    }
    if (1e-6..1e21).contains(&magnitude) {
        return Text::new().s(sign).s(&plain_decimal(magnitude)).done();
    }
    // Scientific: scale into [1, 10) by powers of ten.
    let (mut mantissa, mut exponent) = (magnitude, 0i32);
    while mantissa >= 10.0 {
        mantissa /= 10.0;
        exponent = exponent.saturating_add(1);
    }
    while mantissa < 1.0 {
        mantissa *= 10.0;
        exponent = exponent.saturating_sub(1);
    }
    let exponent_sign = if exponent < 0 { "-" } else { "+" };
    Text::new()
        .s(sign)
        .s(&plain_decimal(mantissa))
        .s("e")
        .s(exponent_sign)
        .n(u64::from(exponent.unsigned_abs()))
        .done()
}

/// `magnitude` (positive, below 1e21) in plain decimal, 15 significant digits.
#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::arithmetic_side_effects
)]
fn plain_decimal(magnitude: f64) -> String {
    const DIGITS: u32 = 15;
    let whole = trunc(magnitude);
    if whole >= 1e15 {
        // Already 16 or more integer digits: print them all, exactly (a float
        // this large is an integer). Below 1e21 it splits into two u64s
        // around 1e19, both exact in f64: no 128-bit arithmetic needed.
        let high = trunc(whole / 1e19);
        let low = (whole - high * 1e19) as u64;
        return if high == 0.0 {
            decimal(low)
        } else {
            decimal(high as u64) + &zero_padded(low, 19)
        };
    }
    let whole_digits = if whole == 0.0 {
        0
    } else {
        decimal(whole as u64).len() as u32
    };
    let mut scale = DIGITS - whole_digits;
    let mut fraction = round((magnitude - whole) * pow10(scale)) as u64;
    let mut whole = whole as u64;
    if fraction >= 10u64.pow(scale) {
        whole += 1;
        fraction -= 10u64.pow(scale);
    }
    while scale > 0 && fraction % 10 == 0 {
        fraction /= 10;
        scale -= 1;
    }
    if scale == 0 {
        decimal(whole)
    } else {
        decimal(whole) + "." + &zero_padded(fraction, scale as usize)
    }
}

/// `n` with leading zeros to `width` digits.
fn zero_padded(n: u64, width: usize) -> String {
    let digits = decimal(n);
    let mut padded = "0".repeat(width.saturating_sub(digits.len()));
    padded.push_str(&digits);
    padded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_as_javascript_prints_them() {
        let cases: [(f64, &str); 16] = [
            (-5.0, "-5"),
            (0.5, "0.5"),
            (1.25, "1.25"),
            (0.1, "0.1"),
            (2.675, "2.675"),
            (-0.0, "0"),
            (9_007_199_254_740_992.0, "9007199254740992"),
            (1e300, "1e+300"),
            (1.5e21, "1.5e+21"),
            (1e-7, "1e-7"),
            (123_456.789, "123456.789"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
            (1e20, "100000000000000000000"),
            (0.000_001, "0.000001"),
        ];
        for (value, expected) in cases {
            assert_eq!(js_number(value), expected, "{value:?}");
        }
    }

    #[test]
    fn quotes_escape_and_cut() {
        assert_eq!(quote("a\"b"), "\"a\\\"b\"");
        assert_eq!(quote("\n"), "\"\\u{a}\"");
        assert_eq!(quote("\0"), "\"\\u{0}\"");
        assert_eq!(quote("\u{9f}"), "\"\\u{9f}\"");
        let long = "x".repeat(50);
        assert_eq!(quote(&long), "\"".to_owned() + &"x".repeat(40) + "…\"");
    }
}
