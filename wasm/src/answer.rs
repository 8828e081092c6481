//! Answers of the slow path, in the value encoding of [`ValueTag`]: what
//! `js/codec.js` turns back into JavaScript values, or the input error it
//! throws as a `MaintenanceInputError`.

use alloc::vec::Vec;

use mesh_maintenance::{InputError, Millis};

use crate::protocol::{AnswerTag, ValueTag};

/// An answer being written: [`AnswerTag::Values`], then values.
pub struct Writer {
    bytes: Vec<u8>,
}

impl Writer {
    /// A writer that reuses `buffer`'s memory.
    pub fn new(mut buffer: Vec<u8>) -> Writer {
        buffer.clear();
        buffer.push(AnswerTag::Values as u8);
        Writer { bytes: buffer }
    }

    pub fn finish(self) -> Vec<u8> {
        self.bytes
    }

    /// `error` as the whole answer, in `buffer`'s memory.
    pub fn error(mut buffer: Vec<u8>, error: &InputError) -> Vec<u8> {
        buffer.clear();
        buffer.push(AnswerTag::Error as u8);
        buffer.push(error.code().code());
        let mut writer = Writer { bytes: buffer };
        writer.str(error.path());
        writer.str(error.message());
        writer.bytes
    }

    #[inline(never)]
    fn tag(&mut self, tag: ValueTag) -> &mut Self {
        self.bytes.push(tag as u8);
        self
    }

    #[inline(never)]
    fn u32(&mut self, n: usize) -> &mut Self {
        let n = u32::try_from(n).unwrap_or(u32::MAX);
        self.bytes.extend_from_slice(&n.to_le_bytes());
        self
    }

    #[inline(never)]
    fn str(&mut self, text: &str) -> &mut Self {
        self.u32(text.len());
        self.bytes.extend_from_slice(text.as_bytes());
        self
    }

    pub fn undefined(&mut self) -> &mut Self {
        self.tag(ValueTag::Undefined)
    }

    #[inline(never)]
    pub fn null(&mut self) -> &mut Self {
        self.tag(ValueTag::Null)
    }

    #[inline(never)]
    pub fn bool(&mut self, value: bool) -> &mut Self {
        self.tag(if value {
            ValueTag::True
        } else {
            ValueTag::False
        })
    }

    #[inline(never)]
    pub fn number(&mut self, n: f64) -> &mut Self {
        self.tag(ValueTag::Number);
        self.bytes.extend_from_slice(&n.to_le_bytes());
        self
    }

    #[inline(never)]
    pub fn millis(&mut self, time: Millis) -> &mut Self {
        self.number(time.as_f64())
    }

    /// A time, or `null`.
    #[inline(never)]
    pub fn nullable(&mut self, time: Option<Millis>) -> &mut Self {
        match time {
            Some(time) => self.millis(time),
            None => self.null(),
        }
    }

    #[inline(never)]
    pub fn string(&mut self, text: &str) -> &mut Self {
        self.tag(ValueTag::String).str(text)
    }

    /// A JavaScript `bigint` of `n`.
    pub fn bigint(&mut self, n: u64) -> &mut Self {
        self.tag(ValueTag::BigInt)
            .str(&mesh_maintenance::input::decimal(n))
    }

    /// An object of `members` members: each is a [`Writer::key`] and a value.
    #[inline(never)]
    pub fn object(&mut self, members: usize) -> &mut Self {
        // The byte length is for the module's own reader, which skips
        // objects; the JavaScript reader walks the members, so 0 here.
        self.tag(ValueTag::Object).u32(members).u32(0)
    }

    #[inline(never)]
    pub fn key(&mut self, name: &str) -> &mut Self {
        self.str(name)
    }

    /// A `Uint8Array`.
    pub fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        self.tag(ValueTag::Bytes).u32(bytes.len()).u32(bytes.len());
        self.bytes.extend_from_slice(bytes);
        self
    }

    /// A `Float64Array`.
    pub fn floats(&mut self, floats: &[f64]) -> &mut Self {
        self.tag(ValueTag::Floats)
            .u32(floats.len())
            .u32(floats.len());
        for float in floats {
            self.bytes.extend_from_slice(&float.to_le_bytes());
        }
        self
    }

    /// A `Uint32Array`.
    pub fn words(&mut self, words: &[u32]) -> &mut Self {
        self.tag(ValueTag::Words).u32(words.len());
        for word in words {
            self.bytes.extend_from_slice(&word.to_le_bytes());
        }
        self
    }
}
