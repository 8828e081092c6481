//! What a decoder needs to know about a value, whichever side it comes from.
//!
//! The strictness rules (unknown fields, the time domain, lengths) are written
//! once, in [`super::types`], against this trait. Native code implements it for
//! `serde_json::Value`; the wasm binding implements it for `JsValue`, reading
//! fields directly instead of converting whole objects through serde.

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
    /// A JavaScript value with no JSON counterpart (bigint, symbol, function).
    Other,
}

/// A string read under a size limit, so a 10 MB string is never copied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Text {
    NotText,
    TooLong,
    Text(String),
}

/// What a fused read found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fast<T> {
    /// The field holds this value.
    Found(T),
    /// The field is absent or `undefined`.
    Absent,
    /// Anything else: read it the general way.
    Unknown,
}

/// Why reading a value failed: a JavaScript getter or proxy trap threw. The
/// string describes what was thrown.
pub type ReadFailure = String;

pub trait Input: Sized {
    fn shape(&self) -> Shape;
    fn number(&self) -> Option<f64>;
    fn boolean(&self) -> Option<bool>;
    /// The string, if this is one of at most `max_bytes` UTF-8 bytes.
    fn text(&self, max_bytes: usize) -> Text;
    /// A named field of an object; `None` when it is absent or `undefined`.
    fn field(&self, name: &'static str) -> Result<Option<Self>, ReadFailure>;
    /// How many own enumerable keys the object has (cheap: no key is copied).
    fn key_count(&self) -> Result<usize, ReadFailure>;
    /// The own enumerable keys, each cut to at most `max_bytes` bytes; only
    /// read on the error path, to name an unknown field.
    fn keys(&self, max_bytes: usize) -> Result<Vec<String>, ReadFailure>;
    /// The length of an array.
    fn length(&self) -> Result<usize, ReadFailure>;
    fn element(&self, index: usize) -> Result<Self, ReadFailure>;
    /// A short rendering for an error message: `-5`, `"abc"`, `an object`.
    fn describe(&self) -> String;

    /// Fused reads a binding may provide for the common case; `Unknown`
    /// sends the decoder down the general path (`field` and friends), which
    /// judges the value and reports any error.
    fn fast_number(&self, _name: &'static str) -> Fast<f64> {
        Fast::Unknown
    }

    fn fast_bool(&self, _name: &'static str) -> Fast<bool> {
        Fast::Unknown
    }

    fn fast_tag(&self, _name: &'static str, _names: &'static [&'static str]) -> Fast<usize> {
        Fast::Unknown
    }

    /// The position of this string in `names`, if it is one of them. A
    /// binding may cache the lookup per `names` (it is always a static).
    fn tag(&self, names: &'static [&'static str]) -> Option<usize> {
        match self.text(TAG_BYTES) {
            Text::Text(text) => names.iter().position(|name| *name == text),
            Text::TooLong | Text::NotText => None,
        }
    }
}

/// Longer than any tag (`kind` or `type` value), so a tag is never copied whole.
pub const TAG_BYTES: usize = 32;

/// The longest string an error message quotes, in characters.
pub const QUOTE_CHARS: u32 = 40;

/// `s` in double quotes, cut to [`QUOTE_CHARS`] characters with an ellipsis.
pub fn quote(s: &str) -> String {
    let mut quoted = String::new();
    quoted.push('"');
    let mut chars = s.chars();
    for c in chars.by_ref().take(QUOTE_CHARS as usize) {
        quoted.extend(c.escape_debug());
    }
    if chars.next().is_some() {
        quoted.push('…');
    }
    quoted.push('"');
    quoted
}

/// `s` cut to at most `max_bytes` bytes at a character boundary.
pub fn truncate_to(s: &str, max_bytes: usize) -> &str {
    let mut end = s.len().min(max_bytes);
    while !s.is_char_boundary(end) {
        end = end.saturating_sub(1);
    }
    s.get(..end).unwrap_or_default()
}

/// A number as JavaScript's `String(n)` prints it, so that error messages
/// read the same from every build.
pub fn js_number(value: f64) -> String {
    if value.is_nan() {
        "NaN".to_owned()
    } else if value.is_infinite() {
        if value > 0.0 { "Infinity" } else { "-Infinity" }.to_owned()
    } else if value == 0.0 {
        "0".to_owned()
    } else if value.abs() >= 1e21 || value.abs() < 1e-6 {
        let rendered = format!("{value:e}");
        match rendered.split_once('e') {
            Some((mantissa, exponent)) if !exponent.starts_with('-') => {
                format!("{mantissa}e+{exponent}")
            }
            _ => rendered,
        }
    } else {
        format!("{value}")
    }
}
