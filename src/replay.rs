//! Replaying an admin chain: folding `transition` over timestamped events.

use alloc::vec::Vec;

use serde::Serialize;

use crate::config::Config;
use crate::event::Event;
use crate::state::MaintenanceState;
use crate::time::Millis;
use crate::transition::decide;
use crate::verdict::{Decision, Verdict};

/// One event of a chain and the time it was applied.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Entry {
    pub at: Millis,
    pub event: Event,
}

/// An entry that was refused, with its position in the chain.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct RejectedEntry {
    pub index: usize,
    pub verdict: Verdict,
}

/// The state after the whole chain, and what each entry did.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct ReplayOutcome {
    pub state: MaintenanceState,
    pub applied: usize,
    pub unchanged: usize,
    pub rejected: Vec<RejectedEntry>,
}

/// A replay in progress: feed entries one at a time, in chain order. Useful
/// when the entries are decoded on the fly rather than held in a slice.
#[derive(Clone, Debug)]
pub struct Replay {
    config: Config,
    outcome: ReplayOutcome,
    next_index: usize,
}

impl Replay {
    pub fn new(initial: MaintenanceState, config: Config) -> Replay {
        Replay {
            config,
            outcome: ReplayOutcome {
                state: initial,
                applied: 0,
                unchanged: 0,
                rejected: Vec::new(),
            },
            next_index: 0,
        }
    }

    pub fn state(&self) -> &MaintenanceState {
        &self.outcome.state
    }

    /// Applies the next entry of the chain.
    pub fn push(&mut self, at: Millis, event: &Event) {
        let decision = decide(&self.outcome.state, event, at, &self.config);
        let index = self.next_index;
        self.next_index = self.next_index.saturating_add(1);
        let outcome = &mut self.outcome;
        match decision {
            Decision::Applied { to, .. } => {
                outcome.applied = outcome.applied.saturating_add(1);
                outcome.state = to;
            }
            Decision::Unchanged { .. } => outcome.unchanged = outcome.unchanged.saturating_add(1),
            rejected @ Decision::Rejected { .. } => {
                let verdict = rejected.into_verdict(&outcome.state);
                outcome.rejected.push(RejectedEntry { index, verdict });
            }
        }
    }

    pub fn finish(self) -> ReplayOutcome {
        self.outcome
    }
}

/// Folds `transition` over `entries`, starting from `initial`.
pub fn replay<'a>(
    entries: impl IntoIterator<Item = &'a Entry>,
    initial: MaintenanceState,
    config: &Config,
) -> ReplayOutcome {
    let mut replay = Replay::new(initial, *config);
    for entry in entries {
        replay.push(entry.at, &entry.event);
    }
    replay.finish()
}
