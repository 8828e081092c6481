//! How fresh a signed commit's envelope must be (upstream `ice.rs`
//! `check_freshness`): at most `freshness_window_ms` old and at most
//! `future_skew_ms` ahead of the node's clock, both bounds inclusive.

use serde::Serialize;

use crate::time::Millis;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Policy {
    pub freshness_window_ms: Millis,
    pub future_skew_ms: Millis,
}

impl Policy {
    pub const DEFAULT_FRESHNESS_WINDOW: Millis = Millis::saturating_from(300_000);
    pub const DEFAULT_FUTURE_SKEW: Millis = Millis::saturating_from(30_000);
}

impl Default for Policy {
    fn default() -> Policy {
        Policy {
            freshness_window_ms: Policy::DEFAULT_FRESHNESS_WINDOW,
            future_skew_ms: Policy::DEFAULT_FUTURE_SKEW,
        }
    }
}

/// Why a signed envelope is not fresh.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stale {
    /// Dated `ahead` ms after `now`, more than `skew`.
    FromFuture { ahead: Millis, skew: Millis },
    /// Issued `age` ms before `now`, more than `window`.
    Expired { age: Millis, window: Millis },
}

/// Whether an envelope issued at `issued_at` is fresh at `now`.
pub fn check_freshness(issued_at: Millis, now: Millis, policy: &Policy) -> Result<(), Stale> {
    let ahead = issued_at.saturating_since(now);
    if ahead > policy.future_skew_ms {
        return Err(Stale::FromFuture {
            ahead,
            skew: policy.future_skew_ms,
        });
    }
    let age = now.saturating_since(issued_at);
    if age > policy.freshness_window_ms {
        return Err(Stale::Expired {
            age,
            window: policy.freshness_window_ms,
        });
    }
    Ok(())
}
