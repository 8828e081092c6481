//! Sentences assembled from static parts and integers, without `core::fmt`:
//! its machinery would be most of the WebAssembly module's size, and every
//! message this crate writes is only words, names and whole numbers.

use alloc::string::String;

/// A sentence being written.
#[derive(Default)]
pub(crate) struct Text(String);

impl Text {
    pub(crate) fn new() -> Text {
        Text(String::new())
    }

    /// Appends `part`; returns `self` so a sentence reads left to right.
    pub(crate) fn s(mut self, part: &str) -> Text {
        self.0.push_str(part);
        self
    }

    /// Appends `n` in decimal.
    pub(crate) fn n(mut self, n: u64) -> Text {
        push_decimal(&mut self.0, n);
        self
    }

    /// Appends `n` in decimal with its sign.
    #[cfg_attr(not(feature = "json"), allow(dead_code))] // JSON's integers
    pub(crate) fn i(mut self, n: i64) -> Text {
        if n < 0 {
            self.0.push('-');
        }
        push_decimal(&mut self.0, n.unsigned_abs());
        self
    }

    pub(crate) fn done(self) -> String {
        self.0
    }
}

/// `n` in decimal.
pub fn decimal(n: u64) -> String {
    let mut text = String::new();
    push_decimal(&mut text, n);
    text
}

fn push_decimal(text: &mut String, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start = start.saturating_sub(1);
        #[allow(clippy::cast_possible_truncation)] // a digit
        if let (Some(slot), Some(digit)) =
            (digits.get_mut(start), b"0123456789".get((n % 10) as usize))
        {
            *slot = *digit;
        }
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for digit in digits.iter().skip(start) {
        text.push(char::from(*digit));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers() {
        assert_eq!(decimal(0), "0");
        assert_eq!(decimal(7), "7");
        assert_eq!(decimal(u64::MAX), "18446744073709551615");
        let text = Text::new().s("a ").i(-42).s(" b ").i(i64::MIN).done();
        assert_eq!(text, "a -42 b -9223372036854775808");
    }
}
