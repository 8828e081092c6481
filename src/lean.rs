//! The rules on numbers (SPEC sections 3-5 and 8): kinds as small enums,
//! times as integers, and a `DrainFailed` reason that is only described
//! ([`Reason`]), never rendered here. Every entry point runs these two
//! functions: the object API ([`crate::decide`], [`crate::reconcile()`]),
//! the columns ([`crate::packed`]) and the JavaScript binding.

use alloc::string::String;

use crate::conditions::Conditions;
use crate::config::{Config, Profile};
use crate::event::{Event, EventKind, OperatorAction};
use crate::freshness::{check_freshness, Policy};
use crate::message::{Form, Message, Why};
use crate::state::{MaintenanceState, StateKind};
use crate::text::Text;
use crate::time::Millis;
use crate::verdict::{AllowedActions, Decided, Outcome, RejectCode, Stage};

/// A state without its reason: `since` is zero for `Active`, `deadline` is
/// `None` for every kind but a deadline-bearing `EnteringMaintenance`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Lean {
    pub kind: StateKind,
    pub since: Millis,
    pub deadline: Option<Millis>,
}

impl Lean {
    pub const ACTIVE: Lean = Lean {
        kind: StateKind::Active,
        since: Millis::ZERO,
        deadline: None,
    };

    pub fn of(state: &MaintenanceState) -> Lean {
        Lean {
            kind: state.kind(),
            since: state.since().unwrap_or(Millis::ZERO),
            deadline: state.deadline(),
        }
    }

    /// The state these numbers describe, with `reason` for a `DrainFailed`.
    pub fn to_state(self, reason: impl FnOnce() -> String) -> MaintenanceState {
        MaintenanceState::of_kind(self.kind, self.since, self.deadline, reason)
    }
}

/// An event whose observed state, if any, is [`Lean`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LeanEvent {
    Enter {
        drain_for_ms: Option<Millis>,
    },
    Exit {
        force: bool,
    },
    /// `same_reason`: whether the observed reason equals the current one
    /// (only read when both are `DrainFailed`).
    Observed {
        state: Lean,
        same_reason: bool,
    },
    Reconcile {
        conditions: Conditions,
    },
}

impl LeanEvent {
    /// `event` on numbers, arriving at a node whose state has `reason`.
    pub fn of(event: &Event, reason: Option<&str>) -> LeanEvent {
        match event {
            Event::EnterMaintenance { drain_for_ms } => LeanEvent::Enter {
                drain_for_ms: *drain_for_ms,
            },
            Event::ExitMaintenance { force } => LeanEvent::Exit { force: *force },
            Event::TransitionObserved { state } => LeanEvent::Observed {
                state: Lean::of(state),
                same_reason: reason == state.reason(),
            },
            Event::Reconcile { conditions } => LeanEvent::Reconcile {
                conditions: *conditions,
            },
        }
    }

    /// The operator action this event is, if it is one (as
    /// `OperatorAction::try_from` for an [`Event`]).
    pub const fn operator_action(self) -> Option<OperatorAction> {
        match self {
            LeanEvent::Enter { drain_for_ms } => {
                Some(OperatorAction::EnterMaintenance { drain_for_ms })
            }
            LeanEvent::Exit { force } => Some(OperatorAction::ExitMaintenance { force }),
            LeanEvent::Observed { .. } | LeanEvent::Reconcile { .. } => None,
        }
    }

    /// The object form, an observed `DrainFailed` given `reason`.
    pub fn to_event(self, reason: impl FnOnce() -> String) -> Event {
        match self {
            LeanEvent::Enter { drain_for_ms } => Event::EnterMaintenance { drain_for_ms },
            LeanEvent::Exit { force } => Event::ExitMaintenance { force },
            LeanEvent::Observed { state, .. } => Event::TransitionObserved {
                state: state.to_state(reason),
            },
            LeanEvent::Reconcile { conditions } => Event::Reconcile { conditions },
        }
    }
}

/// Where a new `DrainFailed` state's reason comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reason {
    /// The new state is no `DrainFailed`.
    None,
    /// The observed state's own reason.
    Observed,
    /// Reconcile's: `drain deadline elapsed after {waited}ms`.
    Elapsed(Millis),
}

impl Reason {
    /// The text, given the observed state's reason.
    pub fn render(self, observed: impl FnOnce() -> String) -> String {
        match self {
            Reason::None => String::new(),
            Reason::Observed => observed(),
            Reason::Elapsed(waited) => elapsed_reason(waited),
        }
    }
}

/// The reason reconcile gives a drain that missed its deadline.
pub fn elapsed_reason(waited: Millis) -> String {
    Text::new()
        .s("drain deadline elapsed after ")
        .n(waited.get())
        .s("ms")
        .done()
}

/// The new state of an applied [`LeanDecision`]: its numbers, and where a
/// `DrainFailed` reason comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Target {
    pub state: Lean,
    pub reason: Reason,
}

/// What the rules decided, on numbers.
pub type LeanDecision = Decided<Target>;

impl LeanDecision {
    fn applied(event: EventKind, from: StateKind, to: Lean, reason: Reason, form: Form) -> Self {
        let message = Message {
            event,
            from,
            to: to.kind,
            form,
        };
        LeanDecision::Applied {
            to: Target { state: to, reason },
            message,
        }
    }

    fn unchanged(event: EventKind, from: StateKind, form: Form) -> Self {
        let message = Message {
            event,
            from,
            to: from,
            form,
        };
        LeanDecision::Unchanged { message }
    }

    fn rejected(
        event: EventKind,
        from: StateKind,
        to: StateKind,
        code: RejectCode,
        form: Form,
    ) -> Self {
        let message = Message {
            event,
            from,
            to,
            form,
        };
        LeanDecision::Rejected { code, message }
    }
}

/// Whether a freeze declared until `frozen_until` holds at `now`: it is
/// over at `now == frozen_until`.
pub const fn is_frozen(frozen_until: Option<Millis>, now: Millis) -> bool {
    match frozen_until {
        Some(until) => now.get() < until.get(),
        None => false,
    }
}

/// Admission (SPEC section 9), in the nodes' order: the cluster freeze,
/// then a signed envelope's freshness (`issued_at`; none for an unsigned
/// command), then the rules. The stage that decided, and its decision.
pub fn admit(
    state: Lean,
    action: OperatorAction,
    frozen_until: Option<Millis>,
    issued_at: Option<Millis>,
    now: Millis,
    config: &Config,
    policy: &Policy,
) -> (Stage, LeanDecision) {
    let refuse = |code: RejectCode, form: Form| {
        LeanDecision::rejected(action.kind(), state.kind, action.target(), code, form)
    };
    if let Some(until) = frozen_until.filter(|_| is_frozen(frozen_until, now)) {
        let left = until.saturating_since(now);
        let form = Form::Frozen { until, left };
        return (Stage::Freeze, refuse(RejectCode::FreezeInEffect, form));
    }
    if let Some(Err(stale)) = issued_at.map(|at| check_freshness(at, now, policy)) {
        return (
            Stage::Freshness,
            refuse(RejectCode::from(stale), Form::Stale(stale)),
        );
    }
    let event = LeanEvent::of(&Event::from(action), None);
    (Stage::Rules, decide(state, event, now, config))
}

/// A console's buttons (SPEC sections 7 and 9): each operator action is
/// offered exactly when admitting it unsigned at `now` would apply it, so
/// none is while a freeze holds, and `force_exit` only where a plain exit
/// would not be applied.
pub fn allowed(
    state: Lean,
    config: &Config,
    now: Millis,
    frozen_until: Option<Millis>,
) -> AllowedActions {
    let would_apply = |action| {
        let (_, decision) = admit(
            state,
            action,
            frozen_until,
            None,
            now,
            config,
            &Policy::default(),
        );
        decision.outcome() == Outcome::Applied
    };
    let exit_maintenance = would_apply(OperatorAction::ExitMaintenance { force: false });
    AllowedActions {
        enter_maintenance: would_apply(OperatorAction::EnterMaintenance { drain_for_ms: None }),
        exit_maintenance,
        force_exit: !exit_maintenance
            && would_apply(OperatorAction::ExitMaintenance { force: true }),
    }
}

/// What `event` does to `state` at `now` (SPEC section 4, section 8 under
/// the `node` profile).
#[inline(always)]
pub fn decide(state: Lean, event: LeanEvent, now: Millis, config: &Config) -> LeanDecision {
    match event {
        LeanEvent::Enter { drain_for_ms } => enter(state, drain_for_ms, now, config),
        LeanEvent::Exit { force } => exit(state, force, now, config.profile),
        LeanEvent::Observed {
            state: observed,
            same_reason,
        } => observe(state, observed, same_reason),
        LeanEvent::Reconcile { conditions } => match step(state, conditions, now, config) {
            Step::Move { to, reason, why } => LeanDecision::applied(
                EventKind::Reconcile,
                state.kind,
                to,
                reason,
                Form::MovedBecause(why),
            ),
            Step::Stay { why } => {
                LeanDecision::unchanged(EventKind::Reconcile, state.kind, Form::Stays(why))
            }
        },
    }
}

#[inline(always)]
fn enter(state: Lean, drain_for_ms: Option<Millis>, now: Millis, config: &Config) -> LeanDecision {
    use EventKind::EnterMaintenance;
    use StateKind::{Active, EnteringMaintenance};
    let window = drain_for_ms.or(config.default_drain_for_ms);
    let to = Lean {
        kind: EnteringMaintenance,
        since: now,
        deadline: window.map(|window| now.saturating_add(window)),
    };
    let from = state.kind;
    match (config.profile, from) {
        (_, Active) => LeanDecision::applied(EnterMaintenance, from, to, Reason::None, Form::Moved),
        (Profile::Strict, EnteringMaintenance) => {
            LeanDecision::unchanged(EnterMaintenance, from, Form::Stays(Why::AlreadyEntering))
        }
        (Profile::Strict, _) => LeanDecision::rejected(
            EnterMaintenance,
            from,
            EnteringMaintenance,
            RejectCode::InvalidTransition,
            Form::Refused(Why::EnterOnlyFromActive),
        ),
        (Profile::Node, _) if to == state => {
            LeanDecision::unchanged(EnterMaintenance, from, Form::Stays(Why::SameWindow))
        }
        (Profile::Node, _) => {
            let why = if from == EnteringMaintenance {
                Why::NodeRestartsWindow
            } else {
                Why::NodeEntersFromAnyState
            };
            LeanDecision::applied(
                EnterMaintenance,
                from,
                to,
                Reason::None,
                Form::MovedBecause(why),
            )
        }
    }
}

#[inline(always)]
fn exit(state: Lean, force: bool, now: Millis, profile: Profile) -> LeanDecision {
    use EventKind::ExitMaintenance;
    use StateKind::{DrainFailed, ExitingMaintenance, Maintenance};
    let from = state.kind;
    let moved = || {
        let to = Lean {
            kind: ExitingMaintenance,
            since: now,
            deadline: None,
        };
        LeanDecision::applied(ExitMaintenance, from, to, Reason::None, Form::Moved)
    };
    match (profile, from) {
        (_, Maintenance) | (Profile::Node, DrainFailed) => moved(),
        (Profile::Strict, DrainFailed) if force => moved(),
        (Profile::Strict, DrainFailed) => LeanDecision::rejected(
            ExitMaintenance,
            from,
            ExitingMaintenance,
            RejectCode::ForceRequired,
            Form::NeedsForce,
        ),
        (Profile::Strict, ExitingMaintenance) => {
            LeanDecision::unchanged(ExitMaintenance, from, Form::Stays(Why::AlreadyExiting))
        }
        (Profile::Strict, _) => LeanDecision::rejected(
            ExitMaintenance,
            from,
            ExitingMaintenance,
            RejectCode::InvalidTransition,
            Form::Refused(Why::ExitOnlyFromMaintenance),
        ),
        (Profile::Node, _) => LeanDecision::unchanged(ExitMaintenance, from, Form::Ignored),
    }
}

/// The same in both profiles: a valid successor is taken as given.
#[inline(always)]
fn observe(state: Lean, observed: Lean, same_reason: bool) -> LeanDecision {
    use EventKind::TransitionObserved;
    let (from, to) = (state.kind, observed.kind);
    let reason = if to == StateKind::DrainFailed {
        Reason::Observed
    } else {
        Reason::None
    };
    if !from.is_valid_successor(to) {
        LeanDecision::rejected(
            TransitionObserved,
            from,
            to,
            RejectCode::InvalidSuccessor,
            Form::NotSuccessor,
        )
    } else if observed == state && (to != StateKind::DrainFailed || same_reason) {
        LeanDecision::unchanged(TransitionObserved, from, Form::Stays(Why::Identical))
    } else if from == to {
        LeanDecision::applied(TransitionObserved, from, observed, reason, Form::Refreshed)
    } else {
        LeanDecision::applied(TransitionObserved, from, observed, reason, Form::Moved)
    }
}

/// What reconcile decided, with the reason a console shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    Move { to: Lean, reason: Reason, why: Why },
    Stay { why: Why },
}

/// Reconcile (SPEC section 5, and section 9's freeze): every target is a
/// valid successor of `state`.
#[inline(always)]
pub(crate) fn step(state: Lean, conditions: Conditions, now: Millis, config: &Config) -> Step {
    let lean = |kind| Lean {
        kind,
        since: now,
        deadline: None,
    };
    if conditions.cluster_frozen {
        return Step::Stay { why: Why::Frozen };
    }
    match state.kind {
        StateKind::EnteringMaintenance => {
            // Success is checked first: a drain that completed wins even past
            // its deadline.
            if conditions.replicas_drained && conditions.daemons_stopped {
                Step::Move {
                    to: lean(StateKind::Maintenance),
                    reason: Reason::None,
                    why: Why::DrainedAndStopped,
                }
            } else if state.deadline.is_some_and(|deadline| now >= deadline) {
                Step::Move {
                    to: lean(StateKind::DrainFailed),
                    reason: Reason::Elapsed(now.saturating_since(state.since)),
                    why: Why::DeadlineElapsed,
                }
            } else {
                Step::Stay {
                    why: Why::DrainIncomplete,
                }
            }
        }
        StateKind::ExitingMaintenance if conditions.daemons_healthy => Step::Move {
            to: lean(StateKind::Recovery),
            reason: Reason::None,
            why: Why::DaemonsHealthy,
        },
        StateKind::ExitingMaintenance => Step::Stay {
            why: Why::DaemonsUnhealthy,
        },
        StateKind::Recovery
            if now.saturating_since(state.since) >= config.recovery_ramp_window_ms =>
        {
            Step::Move {
                to: Lean::ACTIVE,
                reason: Reason::None,
                why: Why::RampElapsed,
            }
        }
        StateKind::Recovery => Step::Stay {
            why: Why::RampNotElapsed,
        },
        StateKind::Active | StateKind::Maintenance | StateKind::DrainFailed => Step::Stay {
            why: Why::NothingToDo,
        },
    }
}

/// The state reconcile moves `state` to, with its reason, or `None`.
pub fn reconcile(
    state: Lean,
    conditions: Conditions,
    now: Millis,
    config: &Config,
) -> Option<(Lean, Reason)> {
    match step(state, conditions, now, config) {
        Step::Move { to, reason, .. } => Some((to, reason)),
        Step::Stay { .. } => None,
    }
}
