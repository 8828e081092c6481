//! Columnar forms for bulk work: a chain or a fleet as flat arrays of
//! numbers, so a console can replay millions of entries or reconcile a whole
//! fleet without building an object per entry. The rules are the same
//! [`crate::decide`] and [`crate::reconcile`]; only the encoding differs.
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

use crate::config::Config;
use crate::decode::Path;
use crate::error::{InputError, InputErrorCode};
use crate::event::Event;
use crate::reconcile::{reconcile, Conditions};
use crate::state::{MaintenanceState, StateKind};
use crate::time::Millis;
use crate::transition::decide;
use crate::verdict::Outcome;

pub const ENTER_MAINTENANCE: u8 = 0;
pub const EXIT_MAINTENANCE: u8 = 1;
pub const FORCE_EXIT: u8 = 2;
pub const RECONCILE: u8 = 3;
/// `OBSERVED + kind` is a `TransitionObserved` event.
pub const OBSERVED: u8 = 8;

pub const REPLICAS_DRAINED: u8 = 1;
pub const DAEMONS_STOPPED: u8 = 2;
pub const DAEMONS_HEALTHY: u8 = 4;
pub const CLUSTER_FROZEN: u8 = 8;

fn column_error(
    code: InputErrorCode,
    column: &'static str,
    index: usize,
    problem: &str,
) -> InputError {
    let columns = Path::Root("columns");
    let column = columns.field(column);
    InputError::new(code, column.index(index).to_string(), problem)
}

/// A column value for an error message: exact for integers (what the
/// columns should hold), a description otherwise. Kept simple so the wasm
/// module carries no float formatting.
fn describe(number: f64) -> String {
    if number.is_nan() {
        "NaN".to_owned()
    } else if number.is_infinite() {
        if number > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        }
        .to_owned()
    } else if number.fract() == 0.0 && number.abs() < 1e18 {
        #[allow(clippy::cast_possible_truncation)] // integral and below 2^63
        let integer = number as i64;
        integer.to_string()
    } else if number.fract() == 0.0 {
        "an integer beyond the domain".to_owned()
    } else {
        "a number with a fraction".to_owned()
    }
}

/// All columns must have `expected` entries.
pub fn check_length(
    column: &'static str,
    length: usize,
    expected: usize,
) -> Result<(), InputError> {
    if length == expected {
        Ok(())
    } else {
        let path = Path::Root("columns");
        Err(InputError::new(
            InputErrorCode::InvalidInput,
            path.field(column).to_string(),
            &format!("expected {expected} entries, like the first column, got {length}"),
        ))
    }
}

fn millis_at(
    number: f64,
    code: InputErrorCode,
    column: &'static str,
    index: usize,
) -> Result<Millis, InputError> {
    Millis::from_f64(number).map_err(|_| {
        let got = describe(number);
        column_error(
            code,
            column,
            index,
            &format!("expected a non-negative safe integer, got {got}"),
        )
    })
}

fn absent(number: f64) -> bool {
    number.is_nan()
}

/// The event of a packed entry, if it is valid; the hot path of a replay,
/// with no error to build.
#[inline]
fn valid_event(code: u8, param: f64) -> Option<Event> {
    let unused = absent(param) || param == 0.0;
    match code {
        ENTER_MAINTENANCE if absent(param) => Some(Event::EnterMaintenance { drain_for_ms: None }),
        ENTER_MAINTENANCE => Millis::from_f64(param)
            .ok()
            .map(|window| Event::EnterMaintenance {
                drain_for_ms: Some(window),
            }),
        EXIT_MAINTENANCE if unused => Some(Event::ExitMaintenance { force: false }),
        FORCE_EXIT if unused => Some(Event::ExitMaintenance { force: true }),
        RECONCILE => conditions(param).map(|conditions| Event::Reconcile { conditions }),
        _ => event(code, param, 0).ok(),
    }
}

/// The event at `index` of a packed chain.
pub fn event(code: u8, param: f64, index: usize) -> Result<Event, InputError> {
    let bad =
        |problem: String| column_error(InputErrorCode::InvalidEvent, "param", index, &problem);
    let unused = |event: Event| {
        if absent(param) || param == 0.0 {
            Ok(event)
        } else {
            Err(bad(format!(
                "expected 0 or NaN (unused by this event), got {}",
                describe(param)
            )))
        }
    };
    match code {
        ENTER_MAINTENANCE if absent(param) => Ok(Event::EnterMaintenance { drain_for_ms: None }),
        ENTER_MAINTENANCE => Ok(Event::EnterMaintenance {
            drain_for_ms: Some(millis_at(
                param,
                InputErrorCode::InvalidEvent,
                "param",
                index,
            )?),
        }),
        EXIT_MAINTENANCE => unused(Event::ExitMaintenance { force: false }),
        FORCE_EXIT => unused(Event::ExitMaintenance { force: true }),
        RECONCILE => {
            let bits = conditions(param).ok_or_else(|| {
                bad(format!(
                    "expected condition bits 0..=15, got {}",
                    describe(param)
                ))
            })?;
            Ok(Event::Reconcile { conditions: bits })
        }
        _ => {
            let kind = code
                .checked_sub(OBSERVED)
                .and_then(|kind| StateKind::ALL.get(usize::from(kind)).copied())
                .ok_or_else(|| {
                    column_error(
                        InputErrorCode::InvalidEvent,
                        "kind",
                        index,
                        &format!("expected an event code 0..=3 or 8..=13, got {code}"),
                    )
                })?;
            let state = state_of_kind(
                kind,
                param,
                f64::NAN,
                "param",
                index,
                InputErrorCode::InvalidEvent,
            )?;
            Ok(Event::TransitionObserved { state })
        }
    }
}

fn conditions(param: f64) -> Option<Conditions> {
    if !(param.is_finite() && param.fract() == 0.0 && (0.0..=15.0).contains(&param)) {
        return None;
    }
    #[allow(clippy::cast_possible_truncation)] // an integer in 0..=15
    let bits = param as u8;
    Some(Conditions {
        replicas_drained: bits & REPLICAS_DRAINED != 0,
        daemons_stopped: bits & DAEMONS_STOPPED != 0,
        daemons_healthy: bits & DAEMONS_HEALTHY != 0,
        cluster_frozen: bits & CLUSTER_FROZEN != 0,
    })
}

fn state_of_kind(
    kind: StateKind,
    since: f64,
    deadline: f64,
    since_column: &'static str,
    index: usize,
    code: InputErrorCode,
) -> Result<MaintenanceState, InputError> {
    if kind != StateKind::EnteringMaintenance && !absent(deadline) {
        let got = describe(deadline);
        return Err(column_error(
            code,
            "deadline",
            index,
            &format!("expected NaN: only EnteringMaintenance has a deadline, got {got}"),
        ));
    }
    if kind == StateKind::Active {
        return if absent(since) {
            Ok(MaintenanceState::Active)
        } else {
            let got = describe(since);
            Err(column_error(
                code,
                since_column,
                index,
                &format!("expected NaN: Active has no since, got {got}"),
            ))
        };
    }
    let since = millis_at(since, code, since_column, index)?;
    Ok(match kind {
        StateKind::EnteringMaintenance => MaintenanceState::EnteringMaintenance {
            since,
            deadline: if absent(deadline) {
                None
            } else {
                Some(millis_at(deadline, code, "deadline", index)?)
            },
        },
        StateKind::Maintenance => MaintenanceState::Maintenance { since },
        StateKind::ExitingMaintenance => MaintenanceState::ExitingMaintenance { since },
        StateKind::DrainFailed => MaintenanceState::DrainFailed {
            since,
            reason: String::new(),
        },
        // `Active` returned above.
        StateKind::Recovery | StateKind::Active => MaintenanceState::Recovery { since },
    })
}

/// The state at `index` of a packed fleet.
pub fn state(
    kind: u8,
    since: f64,
    deadline: f64,
    index: usize,
) -> Result<MaintenanceState, InputError> {
    let kind = StateKind::ALL
        .get(usize::from(kind))
        .copied()
        .ok_or_else(|| {
            column_error(
                InputErrorCode::InvalidState,
                "kind",
                index,
                &format!("expected a state kind 0..=5, got {kind}"),
            )
        })?;
    state_of_kind(
        kind,
        since,
        deadline,
        "since",
        index,
        InputErrorCode::InvalidState,
    )
}

/// A state as `(kind, since, deadline)` columns.
pub fn encode(state: &MaintenanceState) -> (u8, f64, f64) {
    let kind = StateKind::ALL
        .iter()
        .position(|kind| *kind == state.kind())
        .unwrap_or_default();
    #[allow(clippy::cast_possible_truncation)] // at most 5
    let kind = kind as u8;
    let since = state.since().map_or(f64::NAN, Millis::as_f64);
    let deadline = match state {
        MaintenanceState::EnteringMaintenance {
            deadline: Some(deadline),
            ..
        } => deadline.as_f64(),
        _ => f64::NAN,
    };
    (kind, since, deadline)
}

/// A packed replay in progress: feed it the columns chunk by chunk.
#[derive(Clone, Debug)]
pub struct PackedReplay {
    state: MaintenanceState,
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
            state: initial,
            config,
            applied: 0,
            unchanged: 0,
            rejected: Vec::new(),
            next: 0,
        }
    }

    /// The next entries of the chain; the three slices have one element per
    /// entry. Stops at the first malformed entry.
    pub fn push(&mut self, codes: &[u8], at: &[f64], params: &[f64]) -> Result<(), InputError> {
        check_length("at", at.len(), codes.len())?;
        check_length("param", params.len(), codes.len())?;
        for ((code, at), param) in codes.iter().zip(at).zip(params) {
            let index = self.next;
            let (Some(event), Ok(now)) = (valid_event(*code, *param), Millis::from_f64(*at)) else {
                // The cold path: say exactly what is wrong.
                event(*code, *param, index)?;
                return Err(
                    millis_at(*at, InputErrorCode::InvalidTimestamp, "at", index)
                        .err()
                        .unwrap_or_else(|| {
                            column_error(
                                InputErrorCode::InvalidEvent,
                                "kind",
                                index,
                                "is not a valid entry",
                            )
                        }),
                );
            };
            let decision = decide(&self.state, &event, now, &self.config);
            match decision.outcome {
                Outcome::Applied => {
                    self.applied = self.applied.saturating_add(1);
                    if let Some(to) = decision.to {
                        self.state = to;
                    }
                }
                Outcome::Unchanged => self.unchanged = self.unchanged.saturating_add(1),
                // Chains longer than 2^32 entries are beyond typed arrays.
                Outcome::Rejected => self.rejected.push(u32::try_from(index).unwrap_or(u32::MAX)),
            }
            self.next = self.next.saturating_add(1);
        }
        Ok(())
    }

    pub fn finish(self) -> PackedOutcome {
        PackedOutcome {
            state: self.state,
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
        let state = state(*kind, *since, *deadline, index)?;
        let bits = self::conditions(f64::from(*bits)).ok_or_else(|| {
            column_error(
                InputErrorCode::InvalidInput,
                "conditions",
                index,
                &format!("expected condition bits 0..=15, got {bits}"),
            )
        })?;
        if let Some(target) = reconcile(&state, &bits, now, config) {
            (*kind, *since, *deadline) = encode(&target);
            changed.push(u32::try_from(index).unwrap_or(u32::MAX));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_states_round_trip() {
        let states = [
            MaintenanceState::Active,
            MaintenanceState::EnteringMaintenance {
                since: Millis::ZERO,
                deadline: None,
            },
            MaintenanceState::EnteringMaintenance {
                since: Millis::ZERO,
                deadline: Some(Millis::MAX),
            },
            MaintenanceState::Maintenance { since: Millis::MAX },
            MaintenanceState::ExitingMaintenance {
                since: Millis::ZERO,
            },
            MaintenanceState::DrainFailed {
                since: Millis::ZERO,
                reason: String::new(),
            },
            MaintenanceState::Recovery {
                since: Millis::ZERO,
            },
        ];
        for original in states {
            let (kind, since, deadline) = encode(&original);
            assert_eq!(state(kind, since, deadline, 0), Ok(original));
        }
    }

    #[test]
    fn malformed_columns_name_the_entry() {
        let error = event(3, 16.0, 7).unwrap_err();
        assert_eq!(error.path(), "columns.param[7]");
        assert_eq!(error.code(), InputErrorCode::InvalidEvent);
        let error = event(20, 0.0, 2).unwrap_err();
        assert_eq!(error.path(), "columns.kind[2]");
        let error = state(0, 5.0, f64::NAN, 4).unwrap_err();
        assert_eq!(error.path(), "columns.since[4]");
        let mut replay = PackedReplay::new(MaintenanceState::Active, Config::default());
        let error = replay.push(&[0, 1], &[1.0], &[f64::NAN, 0.0]).unwrap_err();
        assert_eq!(error.path(), "columns.at");
    }
}
