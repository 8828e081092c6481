//! [`Input`] over the slow path's value encoding ([`ValueTag`]): the
//! arguments `js/codec.js` wrote, read in place. The JavaScript side has
//! already run every getter and proxy trap (what one threw travels as a
//! [`ValueTag::Thrown`]), so decoding here calls back into nothing.
//!
//! The bytes come from the package's own encoder, but they are read as if
//! they did not: every read is bounds-checked, and a truncated or unknown
//! value reads as [`ValueTag::Other`].

use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;

use mesh_maintenance::input::{quote, Input, Shape, StringRead};
use mesh_maintenance::Millis;

use crate::protocol::{ValueTag, LONG_KEY};

/// A cursor over encoded bytes.
#[derive(Clone, Copy)]
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn byte(&mut self) -> Option<u8> {
        let byte = *self.bytes.get(self.at)?;
        self.at = self.at.checked_add(1)?;
        Some(byte)
    }

    fn take(&mut self, count: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(count)?;
        let taken = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(taken)
    }

    fn u32(&mut self) -> Option<u32> {
        let bytes: [u8; 4] = self.take(4)?.try_into().ok()?;
        Some(u32::from_le_bytes(bytes))
    }

    fn f64(&mut self) -> Option<f64> {
        let bytes: [u8; 8] = self.take(8)?.try_into().ok()?;
        Some(f64::from_le_bytes(bytes))
    }

    fn str(&mut self) -> Option<&'a str> {
        let length = usize::try_from(self.u32()?).ok()?;
        utf8(self.take(length)?)
    }

    /// `count` elements of `width` bytes.
    fn elements(&mut self, count: u32, width: usize) -> Option<&'a [u8]> {
        self.take(usize::try_from(count).ok()?.checked_mul(width)?)
    }

    /// An object's key: `None` for a key too long to copy.
    fn key(&mut self) -> Option<Option<&'a str>> {
        let length = self.u32()?;
        if length == LONG_KEY {
            return Some(None);
        }
        let text = self.take(usize::try_from(length).ok()?)?;
        Some(Some(utf8(text)?))
    }
}

/// `bytes` as text, if they are UTF-8 (shortest forms, no surrogates, at
/// most U+10FFFF). The codec writes with `TextEncoder`, so this only guards
/// against a bug; core's validator, built for speed on long texts, is
/// several times the size of this one.
fn utf8(bytes: &[u8]) -> Option<&str> {
    const MASKS: [u8; 4] = [0x7f, 0x1f, 0x0f, 0x07];
    const SMALLEST: [u32; 4] = [0, 0x80, 0x800, 0x1_0000];
    let mut at = 0;
    while let Some(&lead) = bytes.get(at) {
        let width: usize = match lead {
            0x00..=0x7f => 1,
            0xc0..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf7 => 4,
            _ => return None,
        };
        let mut code = u32::from(lead & *MASKS.get(width - 1)?);
        for offset in 1..width {
            let next = *bytes.get(at + offset)?;
            if next & 0xc0 != 0x80 {
                return None;
            }
            code = code << 6 | u32::from(next & 0x3f);
        }
        if code < *SMALLEST.get(width - 1)? || code > 0x10_ffff || (0xd800..0xe000).contains(&code)
        {
            return None;
        }
        at += width;
    }
    // SAFETY: every character was just checked to be well-formed UTF-8.
    Some(unsafe { core::str::from_utf8_unchecked(bytes) })
}

/// One encoded value: the bytes from its tag on (they may run past its end).
#[derive(Clone, Copy)]
pub struct Value<'a> {
    bytes: &'a [u8],
}

/// What a value is, its payload read.
enum Decoded<'a> {
    Undefined,
    Null,
    Bool(bool),
    Number(f64, Option<&'a str>),
    String(&'a str),
    /// The head of a string too long to copy (its length travels too).
    LongString(&'a str),
    BigInt(&'a str),
    Object(u32, Reader<'a>),
    ManyKeys(u32),
    Unlistable(Value<'a>),
    Array(u32),
    Bytes(u32, &'a [u8]),
    Floats(u32, &'a [u8]),
    Thrown(Value<'a>),
    Date,
    Symbol,
    Function,
    Deep,
    Other,
}

impl<'a> Value<'a> {
    fn reader(self) -> Reader<'a> {
        Reader {
            bytes: self.bytes,
            at: 0,
        }
    }

    #[inline(never)]
    fn decoded(self) -> Decoded<'a> {
        self.parse().map_or(Decoded::Other, |(decoded, _)| decoded)
    }

    /// What the value is, and how many bytes it takes.
    fn parse(self) -> Option<(Decoded<'a>, usize)> {
        let mut reader = self.reader();
        let rest = |reader: &Reader<'a>| Value {
            bytes: reader.bytes.get(reader.at..).unwrap_or_default(),
        };
        let decoded = match ValueTag::of(reader.byte()?)? {
            ValueTag::Undefined => Decoded::Undefined,
            ValueTag::Null => Decoded::Null,
            ValueTag::False => Decoded::Bool(false),
            ValueTag::True => Decoded::Bool(true),
            ValueTag::Number => Decoded::Number(reader.f64()?, None),
            ValueTag::NumberText => Decoded::Number(reader.f64()?, Some(reader.str()?)),
            ValueTag::String => Decoded::String(reader.str()?),
            ValueTag::LongString => {
                reader.u32()?;
                Decoded::LongString(reader.str()?)
            }
            ValueTag::BigInt => Decoded::BigInt(reader.str()?),
            ValueTag::Object => {
                let count = reader.u32()?;
                let length = usize::try_from(reader.u32()?).ok()?;
                let entries = reader.take(length)?;
                Decoded::Object(
                    count,
                    Reader {
                        bytes: entries,
                        at: 0,
                    },
                )
            }
            ValueTag::ManyKeys => Decoded::ManyKeys(reader.u32()?),
            // What listing the keys threw, or what a read threw: one value.
            tag @ (ValueTag::Unlistable | ValueTag::Thrown) => {
                let (_, length) = rest(&reader).parse()?;
                let payload = rest(&reader);
                reader.take(length)?;
                if tag == ValueTag::Thrown {
                    Decoded::Thrown(payload)
                } else {
                    Decoded::Unlistable(payload)
                }
            }
            ValueTag::Array => Decoded::Array(reader.u32()?),
            ValueTag::Bytes => {
                let length = reader.u32()?;
                let copied = reader.u32()?;
                Decoded::Bytes(length, reader.elements(copied, 1)?)
            }
            ValueTag::Floats => {
                let length = reader.u32()?;
                let copied = reader.u32()?;
                Decoded::Floats(length, reader.elements(copied, 8)?)
            }
            ValueTag::Date => Decoded::Date,
            ValueTag::Symbol => Decoded::Symbol,
            ValueTag::Function => Decoded::Function,
            ValueTag::Deep => Decoded::Deep,
            ValueTag::Words | ValueTag::Other => Decoded::Other,
        };
        Some((decoded, reader.at))
    }

    /// The entries of an object, in order: `(key, value)`, `None` for a key
    /// too long to copy. Stops at the first unreadable entry.
    fn entries(self) -> impl Iterator<Item = (Option<&'a str>, Value<'a>)> {
        let (count, reader) = match self.decoded() {
            Decoded::Object(count, reader) => (count, Some(reader)),
            _ => (0, None),
        };
        let mut reader = reader;
        (0..count).map_while(move |_| {
            let cursor = reader.as_mut()?;
            let key = cursor.key()?;
            let value = Value {
                bytes: cursor.bytes.get(cursor.at..)?,
            };
            let (_, length) = value.parse()?;
            cursor.take(length)?;
            Some((key, value))
        })
    }

    /// What a read of this value threw, described for a message.
    fn thrown(self) -> Option<String> {
        match self.decoded() {
            Decoded::Thrown(thrown) => Some(describe_thrown(thrown)),
            _ => None,
        }
    }
}

/// The values of an argument list, in order.
pub struct Args<'a> {
    reader: Reader<'a>,
}

impl<'a> Args<'a> {
    pub fn new(bytes: &'a [u8]) -> Args<'a> {
        Args {
            reader: Reader { bytes, at: 0 },
        }
    }

    /// The next argument; `undefined` once they run out, as a JavaScript
    /// call reads a missing argument.
    pub fn next_value(&mut self) -> Value<'a> {
        const UNDEFINED: Value<'static> = Value {
            bytes: &[ValueTag::Undefined as u8],
        };
        let value = Value {
            bytes: self.reader.bytes.get(self.reader.at..).unwrap_or_default(),
        };
        match value.parse() {
            Some((_, length)) if self.reader.take(length).is_some() => value,
            _ => UNDEFINED,
        }
    }
}

impl Args<'_> {
    /// The next argument as an index the package itself passed (a number
    /// in range; anything else reads as 0).
    pub fn next_index(&mut self) -> usize {
        self.next_value()
            .number()
            .and_then(|n| Millis::from_f64(n).ok())
            .and_then(|n| usize::try_from(n.get()).ok())
            .unwrap_or(0)
    }
}

/// A thrown value: its message (a string) quoted, else the value itself.
fn describe_thrown(thrown: Value<'_>) -> String {
    match thrown.decoded() {
        Decoded::String(message) => quote(message),
        _ => thrown.describe(),
    }
}

impl Input for Value<'_> {
    fn shape(&self) -> Shape {
        match self.decoded() {
            Decoded::Undefined => Shape::Undefined,
            Decoded::Null => Shape::Null,
            Decoded::Bool(_) => Shape::Bool,
            Decoded::Number(..) => Shape::Number,
            Decoded::String(_) | Decoded::LongString(_) => Shape::String,
            Decoded::BigInt(_) => Shape::BigInt,
            Decoded::Object(..) | Decoded::Unlistable(_) => Shape::Object,
            Decoded::Array(_) => Shape::Array,
            Decoded::Date => Shape::Date,
            Decoded::Bytes(..)
            | Decoded::Floats(..)
            | Decoded::ManyKeys(_)
            | Decoded::Thrown(_)
            | Decoded::Symbol
            | Decoded::Function
            | Decoded::Deep
            | Decoded::Other => Shape::Other,
        }
    }

    fn number(&self) -> Option<f64> {
        match self.decoded() {
            Decoded::Number(number, _) if number.is_finite() => Some(number),
            _ => None,
        }
    }

    fn boolean(&self) -> Option<bool> {
        match self.decoded() {
            Decoded::Bool(value) => Some(value),
            _ => None,
        }
    }

    fn string(&self, max_bytes: usize) -> StringRead {
        match self.decoded() {
            Decoded::String(text) if text.len() <= max_bytes => StringRead::Found(text.to_owned()),
            Decoded::String(_) | Decoded::LongString(_) => StringRead::TooLong,
            _ => StringRead::NotString,
        }
    }

    fn field(&self, name: &'static str) -> Result<Option<Self>, String> {
        self.member(name)
    }

    #[inline(never)]
    fn member(&self, name: &str) -> Result<Option<Self>, String> {
        let found = self.entries().find(|(key, _)| *key == Some(name));
        match found {
            Some((_, value)) => match value.thrown() {
                Some(thrown) => Err(thrown),
                None if matches!(value.decoded(), Decoded::Undefined) => Ok(None),
                None => Ok(Some(value)),
            },
            None => Ok(None),
        }
    }

    fn key_count(&self) -> Result<usize, String> {
        match self.decoded() {
            Decoded::Object(count, _) | Decoded::ManyKeys(count) => {
                Ok(usize::try_from(count).unwrap_or(usize::MAX))
            }
            Decoded::Unlistable(thrown) => Err(describe_thrown(thrown)),
            _ => Ok(0),
        }
    }

    fn keys(&self, max_bytes: usize) -> Result<Vec<String>, String> {
        if let Decoded::Unlistable(thrown) = self.decoded() {
            return Err(describe_thrown(thrown));
        }
        Ok(self
            .entries()
            .map(|(key, _)| match key {
                Some(key) if key.len() <= max_bytes => key.to_owned(),
                _ => "(a very long key)".to_owned(),
            })
            .collect())
    }

    fn length(&self) -> Result<usize, String> {
        match self.decoded() {
            Decoded::Array(length) => Ok(usize::try_from(length).unwrap_or(usize::MAX)),
            _ => Ok(0),
        }
    }

    /// Elements never travel with their array (`js/rules.js` walks arrays
    /// itself and sends one element at a time).
    fn element(&self, _index: usize) -> Result<Self, String> {
        Ok(Value { bytes: &[] })
    }

    fn bytes(&self, max_len: usize) -> Option<Result<Vec<u8>, usize>> {
        let Decoded::Bytes(length, copied) = self.decoded() else {
            return None;
        };
        let length = usize::try_from(length).unwrap_or(usize::MAX);
        Some(if length > max_len || copied.len() != length {
            Err(length)
        } else {
            Ok(copied.to_vec())
        })
    }

    fn floats(&self) -> Option<Vec<f64>> {
        let Decoded::Floats(length, copied) = self.decoded() else {
            return None;
        };
        if usize::try_from(length).ok()? != copied.len() / 8 {
            return None;
        }
        copied
            .chunks_exact(8)
            .map(|bytes| Some(f64::from_le_bytes(bytes.try_into().ok()?)))
            .collect()
    }

    fn thrown(&self) -> Option<String> {
        Value::thrown(*self)
    }

    fn integer_text(&self) -> Option<String> {
        match self.decoded() {
            Decoded::BigInt(digits) => Some(digits.to_owned()),
            Decoded::Number(number, _) => {
                // A safe integer, printed in plain digits.
                let magnitude = Millis::from_f64(number.abs()).ok()?;
                let digits = mesh_maintenance::input::decimal(magnitude.get());
                Some(if number < 0.0 && magnitude.get() != 0 {
                    String::from("-") + &digits
                } else {
                    digits
                })
            }
            _ => None,
        }
    }

    #[inline(never)]
    fn describe(&self) -> String {
        let text = match self.decoded() {
            Decoded::String(text) | Decoded::LongString(text) => return quote(text),
            Decoded::BigInt(digits) => return String::from(digits) + "n",
            Decoded::Number(number, None) => match Millis::from_f64(number) {
                Ok(n) => return mesh_maintenance::input::decimal(n.get()),
                Err(_) => "a number",
            },
            // JavaScript's own rendering, which `js/codec.js` sends for every
            // number but a non-negative safe integer.
            Decoded::Number(_, Some(text)) => text,
            Decoded::Undefined => "undefined",
            Decoded::Null => "null",
            Decoded::Bool(true) => "true",
            Decoded::Bool(false) => "false",
            Decoded::Object(..) | Decoded::Unlistable(_) | Decoded::ManyKeys(_) => "an object",
            Decoded::Bytes(..) => "a Uint8Array",
            Decoded::Floats(..) => "a Float64Array",
            Decoded::Array(_) => "an array",
            Decoded::Date => "a Date",
            Decoded::Symbol => "a symbol",
            Decoded::Function => "a function",
            Decoded::Deep => "an object nested too deeply",
            Decoded::Thrown(_) | Decoded::Other => "an unsupported value",
        };
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::utf8;

    #[test]
    fn utf8_as_core_reads_it() {
        let mut cases: std::vec::Vec<std::vec::Vec<u8>> = std::vec![
            b"plain".to_vec(),
            "é€𝄞".as_bytes().to_vec(),
            std::vec![0xc0, 0x80],             // overlong NUL
            std::vec![0xe0, 0x80, 0x80],       // overlong
            std::vec![0xed, 0xa0, 0x80],       // a surrogate
            std::vec![0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
            std::vec![0xe2, 0x82],             // truncated
            std::vec![0x80],                   // a lone continuation
            std::vec![0xff],
        ];
        // Every one- and two-byte sequence, and a sweep of three-byte ones.
        for a in 0..=255u8 {
            cases.push(std::vec![a]);
            for b in 0..=255u8 {
                cases.push(std::vec![a, b]);
            }
        }
        for a in 0xe0..=0xf4u8 {
            for b in (0x70..=0xc0u8).step_by(7) {
                cases.push(std::vec![a, b, 0x80]);
                cases.push(std::vec![a, b, 0x80, 0x80]);
            }
        }
        for case in cases {
            assert_eq!(utf8(&case), core::str::from_utf8(&case).ok(), "{case:02x?}");
        }
    }
}
