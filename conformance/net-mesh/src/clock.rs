//! Our absolute milliseconds on a node's monotonic clock.
//!
//! A node reads time as `Instant`s and measures everything (the anchor of
//! an operator command, reconcile's `now`, its snapshots) at its last
//! `Tick`. A case's `now` is that tick; every other time of the case sits a
//! whole number of milliseconds before or after it.

use std::time::{Duration, Instant};

use mesh_maintenance::Millis;

#[derive(Clone, Copy, Debug)]
pub struct Clock {
    tick: Instant,
    now: Millis,
}

impl Clock {
    /// `tick` is the node's last tick, which stands for `now`.
    pub fn new(tick: Instant, now: Millis) -> Clock {
        Clock { tick, now }
    }

    pub fn now(&self) -> Millis {
        self.now
    }

    pub fn tick(&self) -> Instant {
        self.tick
    }

    /// `at` on the node's clock; `None` where the platform's `Instant`
    /// cannot hold it.
    pub fn instant(&self, at: Millis) -> Option<Instant> {
        if at >= self.now {
            self.tick
                .checked_add(Duration::from_millis(at.get() - self.now.get()))
        } else {
            self.tick
                .checked_sub(Duration::from_millis(self.now.get() - at.get()))
        }
    }

    /// `now + after` on the node's clock, without our saturation at
    /// 2^53 - 1: what a node computes for `anchor + drain_for`.
    pub fn after_now(&self, after: Millis) -> Option<Instant> {
        self.tick.checked_add(Duration::from_millis(after.get()))
    }
}
