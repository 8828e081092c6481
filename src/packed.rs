//! Columnar forms for bulk work: a chain or a fleet as flat arrays of
//! numbers, so a console can replay millions of entries or reconcile a whole
//! fleet without building an object per entry. The loops below run the
//! numeric rules ([`crate::lean`]) on the columns directly; the columns are
//! judged by the same decoders as objects (`decode::columns`).
//!
//! **Events** are a code, a time and one parameter:
//!
//! | code | event | parameter |
//! | --- | --- | --- |
//! | 0 | `EnterMaintenance` | `drainForMs`, or NaN for none (the config's default) |
//! | 1 | `ExitMaintenance` | 0 or NaN |
//! | 2 | `ExitMaintenance` with `force: true` | 0 or NaN |
//! | 3 | `Reconcile` | condition bits: 1 `replicasDrained`, 2 `daemonsStopped`, 4 `daemonsHealthy`, 8 `clusterFrozen` |
//! | 8 + kind | `TransitionObserved` of a state of that kind | its `since` (NaN for `Active`) |
//!
//! **States** are a kind (0 `Active`, 1 `EnteringMaintenance`, 2 `Maintenance`,
//! 3 `ExitingMaintenance`, 4 `DrainFailed`, 5 `Recovery`), a `since` (NaN for
//! `Active`) and a `deadline` (NaN for none; only `EnteringMaintenance` has
//! one). Packed states carry no `DrainFailed` reason (it reads as empty), and
//! an observed `EnteringMaintenance` has no deadline; use the object API where
//! those matter.

use alloc::string::String;
use alloc::vec::Vec;

use crate::conditions::Conditions;
use crate::config::Config;
use crate::decode::{check_length, column_conditions, column_entry, column_state};
use crate::error::InputError;
use crate::lean::{self, Lean, LeanDecision, LeanEvent, Reason, Target};
use crate::replay::Entry;
use crate::state::{MaintenanceState, StateKind};
use crate::time::Millis;

/// The event codes of a packed chain (the table above); they are judged
/// with the other column decoders.
pub use crate::decode::{ENTER_MAINTENANCE, EXIT_MAINTENANCE, FORCE_EXIT, OBSERVED, RECONCILE};

/// A state as `(kind, since, deadline)` columns.
pub fn encode(state: &MaintenanceState) -> (u8, f64, f64) {
    encode_lean(Lean::of(state))
}

fn encode_lean(state: Lean) -> (u8, f64, f64) {
    let since = if state.kind == StateKind::Active {
        f64::NAN
    } else {
        state.since.as_f64()
    };
    let deadline = state.deadline.map_or(f64::NAN, Millis::as_f64);
    (state.kind.code(), since, deadline)
}

/// The state at `index` of a packed fleet.
pub fn state(
    kind: u8,
    since: f64,
    deadline: f64,
    index: usize,
) -> Result<MaintenanceState, InputError> {
    column_state(kind, since, deadline)
        .map(|lean| lean.to_state(String::new))
        .map_err(|problem| problem.at(index))
}

/// The entry at `index` of a packed chain, in the object API's form (an
/// observed `DrainFailed` gets an empty reason, as in the packed replay).
pub fn entry(code: u8, at: f64, param: f64, index: usize) -> Result<Entry, InputError> {
    let (at, event) = column_entry(code, at, param).map_err(|problem| problem.at(index))?;
    Ok(Entry {
        at,
        event: event.to_event(String::new),
    })
}

/// Where the reason of a `DrainFailed` being replayed comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Held {
    /// The initial state's.
    Initial,
    /// An observed `DrainFailed`'s, which packed columns cannot carry: empty.
    Empty,
    /// Reconcile's.
    Elapsed(Millis),
}

/// A packed replay in progress: feed it the columns chunk by chunk.
#[derive(Clone, Debug)]
pub struct PackedReplay {
    state: Lean,
    held: Held,
    initial_reason: String,
    config: Config,
    applied: usize,
    unchanged: usize,
    rejected: Vec<u32>,
    next: usize,
}

/// The state after a packed chain, and the indices of the rejected entries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackedOutcome {
    pub state: MaintenanceState,
    pub applied: usize,
    pub unchanged: usize,
    pub rejected: Vec<u32>,
}

impl PackedReplay {
    pub fn new(initial: MaintenanceState, config: Config) -> PackedReplay {
        PackedReplay {
            state: Lean::of(&initial),
            held: Held::Initial,
            initial_reason: initial.reason().unwrap_or_default().into(),
            config,
            applied: 0,
            unchanged: 0,
            rejected: Vec::new(),
            next: 0,
        }
    }

    /// Whether the current reason is empty, as every observed one is.
    fn reason_is_empty(&self) -> bool {
        match self.held {
            Held::Initial => self.initial_reason.is_empty(),
            Held::Empty => true,
            Held::Elapsed(_) => false,
        }
    }

    /// The next entries of the chain; the three slices have one element per
    /// entry. Stops at the first malformed entry.
    pub fn push(&mut self, codes: &[u8], at: &[f64], params: &[f64]) -> Result<(), InputError> {
        check_length("at", at.len(), codes.len())?;
        check_length("param", params.len(), codes.len())?;
        for ((code, at), param) in codes.iter().zip(at).zip(params) {
            let (now, mut event) =
                column_entry(*code, *at, *param).map_err(|problem| problem.at(self.next))?;
            if let LeanEvent::Observed { same_reason, .. } = &mut event {
                *same_reason = self.reason_is_empty();
            }
            match lean::decide(self.state, event, now, &self.config) {
                LeanDecision::Applied {
                    to: Target { state, reason },
                    ..
                } => {
                    self.applied = self.applied.saturating_add(1);
                    self.state = state;
                    self.held = match reason {
                        Reason::Elapsed(waited) => Held::Elapsed(waited),
                        Reason::Observed | Reason::None => Held::Empty,
                    };
                }
                LeanDecision::Unchanged { .. } => self.unchanged = self.unchanged.saturating_add(1),
                // Chains longer than 2^32 entries are beyond typed arrays.
                LeanDecision::Rejected { .. } => {
                    self.rejected
                        .push(u32::try_from(self.next).unwrap_or(u32::MAX));
                }
            }
            self.next = self.next.saturating_add(1);
        }
        Ok(())
    }

    pub fn finish(self) -> PackedOutcome {
        let reason = match self.held {
            Held::Initial => self.initial_reason,
            Held::Empty => String::new(),
            Held::Elapsed(waited) => lean::elapsed_reason(waited),
        };
        PackedOutcome {
            state: self.state.to_state(|| reason),
            applied: self.applied,
            unchanged: self.unchanged,
            rejected: self.rejected,
        }
    }
}

/// A slice of a packed fleet: one entry per node in each column.
pub struct FleetColumns<'a> {
    pub kinds: &'a mut [u8],
    pub since: &'a mut [f64],
    pub deadline: &'a mut [f64],
    pub conditions: &'a [u8],
}

/// Reconciles the fleet entries `offset..offset + kinds.len()` in place:
/// each `(kind, since, deadline)` becomes its reconcile target, if any, and
/// the indices of the nodes that moved are appended to `changed`.
pub fn reconcile_fleet(
    columns: FleetColumns<'_>,
    offset: usize,
    now: Millis,
    config: &Config,
    changed: &mut Vec<u32>,
) -> Result<(), InputError> {
    let FleetColumns {
        kinds,
        since,
        deadline,
        conditions,
    } = columns;
    check_length("since", since.len(), kinds.len())?;
    check_length("deadline", deadline.len(), kinds.len())?;
    check_length("conditions", conditions.len(), kinds.len())?;
    let rows = kinds
        .iter_mut()
        .zip(since.iter_mut())
        .zip(deadline.iter_mut())
        .zip(conditions);
    for (position, (((kind, since), deadline), bits)) in rows.enumerate() {
        let index = offset.saturating_add(position);
        let state = column_state(*kind, *since, *deadline).map_err(|problem| problem.at(index))?;
        let bits: Conditions = column_conditions(*bits).map_err(|problem| problem.at(index))?;
        if let Some((target, _)) = lean::reconcile(state, bits, now, config) {
            (*kind, *since, *deadline) = encode_lean(target);
            changed.push(u32::try_from(index).unwrap_or(u32::MAX));
        }
    }
    Ok(())
}
