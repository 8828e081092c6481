//! The float arithmetic the decoders need, without `std` (whose `f64`
//! methods come from the platform's libm, absent on `wasm32-unknown-unknown`
//! without std).

/// 2^52: every `f64` at least this large in magnitude is an integer.
const INTEGRAL: f64 = 4_503_599_627_370_496.0;

/// `value` rounded towards zero; NaN and the infinities unchanged.
#[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
pub(crate) fn trunc(value: f64) -> f64 {
    if !value.is_finite() || value.abs() >= INTEGRAL {
        value
    } else {
        // Exact: |value| < 2^52 fits an i64, and the cast rounds towards zero.
        (value as i64) as f64
    }
}

/// Whether `value` is a finite integer (only the JSON number reader asks).
#[cfg(any(test, feature = "json"))]
pub(crate) fn is_integral(value: f64) -> bool {
    value.is_finite() && trunc(value) == value
}

/// A non-negative `value` rounded to the nearest integer, halves up.
pub(crate) fn round(value: f64) -> f64 {
    let whole = trunc(value);
    if value - whole >= 0.5 {
        whole + 1.0
    } else {
        whole
    }
}

/// 10^exponent.
pub(crate) fn pow10(exponent: u32) -> f64 {
    (0..exponent).fold(1.0, |power, _| power * 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_helpers() {
        assert_eq!(trunc(2.7), 2.0);
        assert_eq!(trunc(-2.7), -2.0);
        assert_eq!(trunc(9_007_199_254_740_993.0), 9_007_199_254_740_993.0);
        assert!(trunc(f64::NAN).is_nan());
        assert!(is_integral(5.0) && is_integral(-0.0) && is_integral(1e300));
        assert!(!is_integral(0.5) && !is_integral(f64::INFINITY) && !is_integral(f64::NAN));
        assert_eq!(round(2.5), 3.0);
        assert_eq!(round(2.49), 2.0);
        assert_eq!(pow10(3), 1000.0);
    }
}
