//! The exact edges of the rules and of the time domain, one assertion per
//! boundary the SPEC names (`now == deadline`, `now == frozenUntil`, an
//! envelope exactly 300000 ms old or 30000 ms ahead, saturation at
//! 2^53 - 1), and the conversions and `Display` impls of the public types,
//! which no vector reaches.
#![cfg(not(target_arch = "wasm32"))]

use mesh_maintenance::{
    admit, check_freshness, is_frozen, reconcile, transition, AdmissionRequest, Conditions, Config,
    Event, MaintenanceState, Millis, OperatorAction, OutOfDomain, Outcome, Policy, RejectCode,
    Stage, Stale, StateKind,
};

const TOP: u64 = 9_007_199_254_740_991;

fn ms(value: u64) -> Millis {
    Millis::new(value).expect("in the domain")
}

#[test]
fn millis_converts_to_and_from_u64_within_the_domain_only() {
    assert_eq!(Millis::try_from(0), Ok(Millis::ZERO));
    assert_eq!(Millis::try_from(TOP), Ok(Millis::MAX));
    assert_eq!(Millis::try_from(TOP + 1), Err(OutOfDomain));
    assert_eq!(Millis::try_from(u64::MAX), Err(OutOfDomain));
    assert_eq!(u64::from(Millis::MAX), TOP);
    assert_eq!(u64::from(ms(42)), 42);
    assert_eq!(u64::from(Millis::ZERO), 0);
    assert_eq!(Millis::MAX.get(), TOP);
}

#[test]
fn millis_as_a_javascript_number_is_exact() {
    assert_eq!(Millis::MAX.as_f64(), 9_007_199_254_740_991.0);
    assert_eq!(ms(5).as_f64(), 5.0);
    assert_eq!(Millis::ZERO.as_f64(), 0.0);
    assert_eq!(Millis::from_f64(Millis::MAX.as_f64()), Ok(Millis::MAX));
}

#[test]
fn saturating_from_clamps_exactly_at_the_top() {
    assert_eq!(Millis::saturating_from(TOP - 1), ms(TOP - 1));
    assert_eq!(Millis::saturating_from(TOP), Millis::MAX);
    assert_eq!(Millis::saturating_from(TOP + 1), Millis::MAX);
    assert_eq!(Millis::saturating_from(u64::MAX), Millis::MAX);
    assert_eq!(Millis::saturating_from(0), Millis::ZERO);
}

#[test]
fn display_writes_plain_decimals_and_names() {
    assert_eq!(Millis::MAX.to_string(), "9007199254740991");
    assert_eq!(Millis::ZERO.to_string(), "0");
    assert_eq!(ms(600_000).to_string(), "600000");
    assert_eq!(
        OutOfDomain.to_string(),
        "expected a non-negative safe integer (0 ..= 2^53 - 1)"
    );
    let names: Vec<String> = StateKind::ALL.iter().map(ToString::to_string).collect();
    assert_eq!(
        names,
        [
            "Active",
            "EnteringMaintenance",
            "Maintenance",
            "ExitingMaintenance",
            "DrainFailed",
            "Recovery"
        ]
    );
}

#[test]
fn a_freeze_is_over_at_frozen_until_exactly() {
    assert!(is_frozen(Some(ms(1_000)), ms(999)));
    assert!(!is_frozen(Some(ms(1_000)), ms(1_000)));
    assert!(!is_frozen(Some(ms(1_000)), ms(1_001)));
    assert!(!is_frozen(None, ms(0)));
    assert!(is_frozen(Some(Millis::MAX), ms(0)));
    assert!(!is_frozen(Some(Millis::ZERO), ms(0)));
}

#[test]
fn freshness_bounds_are_inclusive() {
    let policy = Policy::default();
    let now = ms(1_000_000);
    assert_eq!(check_freshness(ms(1_030_000), now, &policy), Ok(()));
    assert_eq!(
        check_freshness(ms(1_030_001), now, &policy),
        Err(Stale::FromFuture {
            ahead: ms(30_001),
            skew: ms(30_000)
        })
    );
    assert_eq!(check_freshness(ms(700_000), now, &policy), Ok(()));
    assert_eq!(
        check_freshness(ms(699_999), now, &policy),
        Err(Stale::Expired {
            age: ms(300_001),
            window: ms(300_000)
        })
    );
    assert_eq!(check_freshness(now, now, &policy), Ok(()));
    // A zero window and skew accept only `now` itself.
    let strict = Policy {
        freshness_window_ms: Millis::ZERO,
        future_skew_ms: Millis::ZERO,
    };
    assert_eq!(check_freshness(now, now, &strict), Ok(()));
    assert!(check_freshness(ms(1_000_001), now, &strict).is_err());
    assert!(check_freshness(ms(999_999), now, &strict).is_err());
}

fn admit_at(frozen_until: Option<u64>, issued_at: Option<u64>, now: u64) -> (Stage, Outcome) {
    let request = AdmissionRequest {
        state: MaintenanceState::Active,
        action: OperatorAction::EnterMaintenance { drain_for_ms: None },
        frozen_until: frozen_until.map(ms),
        issued_at: issued_at.map(ms),
        config: Config::default(),
    };
    let admission = admit(&request, ms(now), &Policy::default());
    (admission.stage, admission.verdict.outcome)
}

#[test]
fn admission_checks_the_freeze_then_freshness_at_their_edges() {
    let now = 1_000_000;
    assert_eq!(
        admit_at(Some(now + 1), None, now),
        (Stage::Freeze, Outcome::Rejected)
    );
    assert_eq!(
        admit_at(Some(now), None, now),
        (Stage::Rules, Outcome::Applied)
    );
    // The freeze is checked before freshness.
    assert_eq!(
        admit_at(Some(now + 1), Some(now + 30_001), now),
        (Stage::Freeze, Outcome::Rejected)
    );
    assert_eq!(
        admit_at(Some(now), Some(now + 30_000), now),
        (Stage::Rules, Outcome::Applied)
    );
    assert_eq!(
        admit_at(None, Some(now + 30_001), now),
        (Stage::Freshness, Outcome::Rejected)
    );
    assert_eq!(
        admit_at(None, Some(now - 300_000), now),
        (Stage::Rules, Outcome::Applied)
    );
    assert_eq!(
        admit_at(None, Some(now - 300_001), now),
        (Stage::Freshness, Outcome::Rejected)
    );
}

#[test]
fn the_freeze_refusal_names_the_time_left() {
    let request = AdmissionRequest {
        state: MaintenanceState::Active,
        action: OperatorAction::EnterMaintenance { drain_for_ms: None },
        frozen_until: Some(ms(TOP)),
        issued_at: None,
        config: Config::default(),
    };
    let admission = admit(&request, ms(0), &Policy::default());
    assert_eq!(admission.verdict.code, Some(RejectCode::FreezeInEffect));
    assert!(
        admission.verdict.message.ends_with(
            ": the cluster is frozen until 9007199254740991 (9007199254740991 ms from now)."
        ),
        "{}",
        admission.verdict.message
    );
}

fn entering(since: u64, deadline: Option<u64>) -> MaintenanceState {
    MaintenanceState::EnteringMaintenance {
        since: ms(since),
        deadline: deadline.map(ms),
    }
}

#[test]
fn a_drain_fails_at_its_deadline_exactly() {
    let state = entering(1_000, Some(601_000));
    let none = Conditions::default();
    assert_eq!(
        reconcile(&state, &none, ms(600_999), &Config::default()),
        None
    );
    assert_eq!(
        reconcile(&state, &none, ms(601_000), &Config::default()),
        Some(MaintenanceState::DrainFailed {
            since: ms(601_000),
            reason: "drain deadline elapsed after 600000ms".into()
        })
    );
    // No deadline: the drain never fails.
    assert_eq!(
        reconcile(
            &entering(1_000, None),
            &none,
            Millis::MAX,
            &Config::default()
        ),
        None
    );
    // A deadline before `since` (observed so): the wait is 0, never negative.
    assert_eq!(
        reconcile(
            &entering(1_000, Some(500)),
            &none,
            ms(700),
            &Config::default()
        ),
        Some(MaintenanceState::DrainFailed {
            since: ms(700),
            reason: "drain deadline elapsed after 0ms".into()
        })
    );
}

#[test]
fn recovery_ends_when_the_ramp_window_has_passed_exactly() {
    let state = MaintenanceState::Recovery { since: ms(4_000) };
    let none = Conditions::default();
    let config = Config::default();
    assert_eq!(reconcile(&state, &none, ms(303_999), &config), None);
    assert_eq!(
        reconcile(&state, &none, ms(304_000), &config),
        Some(MaintenanceState::Active)
    );
    // Clock skew: `now` before `since` has waited 0 ms, enough only for a
    // zero window.
    assert_eq!(reconcile(&state, &none, ms(10), &config), None);
    let zero = Config {
        recovery_ramp_window_ms: Millis::ZERO,
        ..Config::default()
    };
    assert_eq!(
        reconcile(&state, &none, ms(10), &zero),
        Some(MaintenanceState::Active)
    );
}

#[test]
fn a_drain_deadline_saturates_at_the_top_of_the_domain() {
    for (config, window) in [
        (Config::default(), Some(ms(10))),
        (Config::default(), None),
        (Config::node(), Some(Millis::MAX)),
    ] {
        let verdict = transition(
            &MaintenanceState::Active,
            &Event::EnterMaintenance {
                drain_for_ms: window,
            },
            ms(TOP - 5),
            &config,
        );
        assert_eq!(verdict.to, entering(TOP - 5, Some(TOP)));
    }
}

/// Under the node profile a re-enter restarts the window unless it would
/// restart the very same one; the message tells the two apart.
#[test]
fn node_profile_re_enter_is_unchanged_only_for_the_same_window() {
    let config = Config::node();
    let state = entering(1_000, Some(61_000));
    let enter = |drain| Event::EnterMaintenance {
        drain_for_ms: drain,
    };
    let same = transition(&state, &enter(Some(ms(60_000))), ms(1_000), &config);
    assert_eq!(same.outcome, Outcome::Unchanged);
    let later = transition(&state, &enter(Some(ms(60_000))), ms(1_001), &config);
    assert_eq!(later.outcome, Outcome::Applied);
    assert_eq!(later.to, entering(1_001, Some(61_001)));
    assert!(later
        .message
        .ends_with(": the node restarts the drain window on every EnterMaintenance."));
    // No window at all is a different window from a 60 s one.
    let unbounded = transition(&state, &enter(None), ms(1_000), &config);
    assert_eq!(unbounded.outcome, Outcome::Applied);
    assert_eq!(unbounded.to, entering(1_000, None));
    let from_maintenance = transition(
        &MaintenanceState::Maintenance { since: ms(1) },
        &enter(None),
        ms(1_000),
        &config,
    );
    assert!(from_maintenance
        .message
        .ends_with(": the node accepts EnterMaintenance in any state and starts a new drain."));
}

/// An observed state of the same kind with new fields is a refresh, and
/// says so; an arc to another kind is a plain move.
#[test]
fn an_observed_refresh_is_worded_as_one() {
    let config = Config::default();
    let from = MaintenanceState::Maintenance { since: ms(1) };
    let refreshed = transition(
        &from,
        &Event::TransitionObserved {
            state: MaintenanceState::Maintenance { since: ms(2) },
        },
        ms(3),
        &config,
    );
    assert_eq!(
        refreshed.message,
        "TransitionObserved moved the node from Maintenance to Maintenance, refreshing its fields."
    );
    let moved = transition(
        &from,
        &Event::TransitionObserved {
            state: MaintenanceState::ExitingMaintenance { since: ms(2) },
        },
        ms(3),
        &config,
    );
    assert_eq!(
        moved.message,
        "TransitionObserved moved the node from Maintenance to ExitingMaintenance."
    );
}
