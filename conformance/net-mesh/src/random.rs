//! Random inputs from a fixed seed, biased towards the boundaries the rules
//! turn on: times near 0, near the case's `now`, at a deadline, at the
//! freshness bounds, near 2^53 - 1 (the style of the package's
//! `tests/differential.rs`).

use mesh_maintenance::{Conditions, MaintenanceState, Millis, StateKind};

/// SplitMix64: small, fast, and the same sequence everywhere.
#[derive(Clone, Debug)]
pub struct Random(u64);

impl Random {
    pub fn new(seed: u64) -> Random {
        Random(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    /// A case's `now`: anywhere, often small, sometimes at the top of the
    /// domain.
    pub fn now(&mut self) -> Millis {
        let value = match self.below(10) {
            0 => 0,
            1 => Millis::MAX.get(),
            2 => Millis::MAX.get() - self.below(1_000_000),
            3 => self.below(1000),
            4 => self.below(Millis::MAX.get()),
            _ => self.below(10_000_000_000),
        };
        Millis::saturating_from(value)
    }

    /// A time at or next to `boundary`, or anywhere in the domain.
    pub fn near(&mut self, boundary: Millis) -> Millis {
        let b = boundary.get();
        let value = match self.below(10) {
            0 => b,
            1 => b.saturating_add(1),
            2 => b.saturating_sub(1),
            3 => b.saturating_add(self.below(1000)),
            4 => b.saturating_sub(self.below(1000)),
            5 => b.saturating_sub(self.below(1_000_000)),
            6 => 0,
            7 => Millis::MAX.get() - self.below(2),
            _ => self.below(Millis::MAX.get()),
        };
        Millis::saturating_from(value)
    }

    /// A duration: zero, small, at the defaults, or up to the domain's top.
    pub fn duration(&mut self) -> Millis {
        let value = match self.below(8) {
            0 => 0,
            1 => 1,
            2 => self.below(1000),
            3 => self.pick(&[30_000, 300_000, 600_000]),
            4 => self.below(10_000_000),
            5 => Millis::MAX.get(),
            6 => Millis::MAX.get() - self.below(1000),
            _ => self.below(Millis::MAX.get()),
        };
        Millis::saturating_from(value)
    }

    /// An operator's drain window at `now`: none, or a window whose
    /// deadline lands before, at or past the domain's top.
    pub fn drain_for(&mut self, now: Millis) -> Option<Millis> {
        let room = Millis::MAX.get() - now.get();
        match self.below(10) {
            0 | 1 => None,
            2 => Some(Millis::saturating_from(room)),
            3 => Some(Millis::saturating_from(room.saturating_add(1))),
            4 => Some(Millis::saturating_from(room.saturating_sub(1))),
            _ => Some(self.duration()),
        }
    }

    pub fn kind(&mut self) -> StateKind {
        self.pick(&StateKind::ALL)
    }

    /// A state of `kind` whose times sit around `now`: begun before it,
    /// at it or (clock skew) after it; a deadline passed, due or ahead.
    pub fn state_of(&mut self, kind: StateKind, now: Millis) -> MaintenanceState {
        let since = self.near(now);
        let deadline = self.chance(75).then(|| self.near(now));
        let reason = match self.below(4) {
            0 => String::new(),
            1 => format!("drain deadline elapsed after {}ms", self.below(1_000_000)),
            2 => "réplicas \"stuck\" \\ 🛠".to_string(),
            _ => format!("reason {}", self.below(100)),
        };
        MaintenanceState::of_kind(kind, since, deadline, || reason)
    }

    pub fn state(&mut self, now: Millis) -> MaintenanceState {
        let kind = self.kind();
        self.state_of(kind, now)
    }

    pub fn conditions(&mut self) -> Conditions {
        Conditions {
            replicas_drained: self.chance(50),
            daemons_stopped: self.chance(50),
            daemons_healthy: self.chance(50),
            cluster_frozen: false,
        }
    }

    /// A node or operator id at the edges of postcard's varints, or any u64.
    pub fn id(&mut self) -> u64 {
        match self.below(8) {
            0 => self.pick(&[0, 1, 127, 128, 16_383, 16_384, (1 << 53) - 1, 1 << 53]),
            1 => u64::MAX - self.below(3),
            2 => 1u64 << self.below(64),
            3 => (1u64 << self.below(64)).wrapping_sub(1),
            4 => self.below(1000),
            _ => self.next_u64(),
        }
    }
}
