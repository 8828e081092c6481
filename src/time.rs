//! The millisecond time domain shared by Rust and JavaScript.
//!
//! Every timestamp and duration is supplied by the caller: the library never
//! reads a clock (`Instant::now()` panics on `wasm32-unknown-unknown`, and a
//! deployed Worker's clock only advances after I/O). The domain stops at
//! JavaScript's `Number.MAX_SAFE_INTEGER` so that a value means the same on
//! both sides of the boundary.

use core::fmt;

use serde::Serialize;

/// A timestamp or a duration in milliseconds, always within `0 ..= 2^53 - 1`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Millis(u64);

/// Why a number is not a [`Millis`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutOfDomain;

impl Millis {
    /// The largest value: `2^53 - 1`, JavaScript's `Number.MAX_SAFE_INTEGER`.
    pub const MAX: Millis = Millis((1 << 53) - 1);
    pub const ZERO: Millis = Millis(0);

    /// `value` if it is inside the domain.
    pub const fn new(value: u64) -> Result<Millis, OutOfDomain> {
        if value <= Millis::MAX.0 {
            Ok(Millis(value))
        } else {
            Err(OutOfDomain)
        }
    }

    /// A JavaScript number, accepted only when it is a non-negative safe integer
    /// (so `NaN`, infinities, fractions and negative zero's siblings are refused).
    #[inline(always)]
    pub fn from_f64(value: f64) -> Result<Millis, OutOfDomain> {
        // `as` saturates (NaN and negatives to 0, +∞ to u64::MAX), so the
        // round trip holds exactly for the integers 0 ..= 2^64 - 1 (and -0).
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            clippy::cast_precision_loss
        )]
        let integer = value as u64;
        #[allow(clippy::cast_precision_loss)] // exact below 2^53, which is all we keep
        let exact = integer as f64 == value;
        if exact && integer <= Millis::MAX.0 {
            Ok(Millis(integer))
        } else {
            Err(OutOfDomain)
        }
    }

    /// `value`, clamped to [`Millis::MAX`].
    pub const fn saturating_from(value: u64) -> Millis {
        if value > Millis::MAX.0 {
            Millis::MAX
        } else {
            Millis(value)
        }
    }

    pub const fn get(self) -> u64 {
        self.0
    }

    pub const fn as_f64(self) -> f64 {
        self.0 as f64
    }

    /// `self + other`, clamped to [`Millis::MAX`].
    pub const fn saturating_add(self, other: Millis) -> Millis {
        Millis::saturating_from(self.0.saturating_add(other.0))
    }

    /// Time from `earlier` to `self`; zero when `self` is before `earlier`
    /// (clock skew between a browser and a node must never wrap).
    pub const fn saturating_since(self, earlier: Millis) -> Millis {
        Millis(self.0.saturating_sub(earlier.0))
    }
}

impl fmt::Display for Millis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl TryFrom<u64> for Millis {
    type Error = OutOfDomain;
    fn try_from(value: u64) -> Result<Millis, OutOfDomain> {
        Millis::new(value)
    }
}

impl From<Millis> for u64 {
    fn from(value: Millis) -> u64 {
        value.0
    }
}

impl fmt::Display for OutOfDomain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("expected a non-negative safe integer (0 ..= 2^53 - 1)")
    }
}

impl core::error::Error for OutOfDomain {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domain_edges() {
        assert_eq!(Millis::new(9_007_199_254_740_991), Ok(Millis::MAX));
        assert_eq!(Millis::new(9_007_199_254_740_992), Err(OutOfDomain));
        assert_eq!(Millis::from_f64(9_007_199_254_740_991.0), Ok(Millis::MAX));
        assert_eq!(Millis::from_f64(9_007_199_254_740_992.0), Err(OutOfDomain));
        for bad in [-1.0, 0.5, f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -0.5] {
            assert_eq!(Millis::from_f64(bad), Err(OutOfDomain), "{bad}");
        }
        assert_eq!(Millis::from_f64(-0.0), Ok(Millis::ZERO));
    }

    #[test]
    fn arithmetic_saturates() {
        let top = Millis::MAX;
        assert_eq!(top.saturating_add(Millis(1)), top);
        assert_eq!(Millis(5).saturating_add(Millis(7)), Millis(12));
        assert_eq!(Millis(5).saturating_since(Millis(7)), Millis::ZERO);
        assert_eq!(Millis(7).saturating_since(Millis(5)), Millis(2));
        assert_eq!(top.saturating_since(Millis::ZERO), top);
    }
}
