//! Property tests: the SPEC's invariants over random states, events,
//! configs and timestamps across the whole time domain.
#![cfg(not(target_arch = "wasm32"))]

use mesh_maintenance::packed::{self, PackedReplay};
use mesh_maintenance::{
    api, from_view, is_valid_successor, reconcile, replay, to_view, transition, Conditions, Config,
    Dialect, Entry, Event, MaintenanceState, Millis, Outcome, Profile,
};
use proptest::prelude::*;

/// Times biased towards the domain's edges, where arithmetic could wrap.
fn millis() -> impl Strategy<Value = Millis> {
    prop_oneof![
        Just(0u64),
        Just(1u64),
        Just(Millis::MAX.get()),
        Just(Millis::MAX.get() - 1),
        0u64..2_000_000,
        0u64..=Millis::MAX.get(),
    ]
    .prop_map(|value| Millis::new(value).expect("in the domain"))
}

fn state() -> impl Strategy<Value = MaintenanceState> {
    prop_oneof![
        Just(MaintenanceState::Active),
        (millis(), proptest::option::of(millis())).prop_map(|(since, deadline)| {
            MaintenanceState::EnteringMaintenance { since, deadline }
        }),
        millis().prop_map(|since| MaintenanceState::Maintenance { since }),
        millis().prop_map(|since| MaintenanceState::ExitingMaintenance { since }),
        (millis(), "[a-z ]{0,12}")
            .prop_map(|(since, reason)| MaintenanceState::DrainFailed { since, reason }),
        millis().prop_map(|since| MaintenanceState::Recovery { since }),
    ]
}

fn conditions() -> impl Strategy<Value = Conditions> {
    (
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        proptest::bool::weighted(0.1),
    )
        .prop_map(
            |(replicas_drained, daemons_stopped, daemons_healthy, cluster_frozen)| Conditions {
                replicas_drained,
                daemons_stopped,
                daemons_healthy,
                cluster_frozen,
            },
        )
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        proptest::option::of(millis())
            .prop_map(|drain_for_ms| Event::EnterMaintenance { drain_for_ms }),
        any::<bool>().prop_map(|force| Event::ExitMaintenance { force }),
        state().prop_map(|state| Event::TransitionObserved { state }),
        conditions().prop_map(|conditions| Event::Reconcile { conditions }),
    ]
}

fn profile() -> impl Strategy<Value = Profile> {
    prop_oneof![Just(Profile::Strict), Just(Profile::Node)]
}

fn config_of(profile: impl Strategy<Value = Profile>) -> impl Strategy<Value = Config> {
    (profile, proptest::option::of(millis()), millis()).prop_map(
        |(profile, default_drain_for_ms, recovery_ramp_window_ms)| Config {
            profile,
            default_drain_for_ms,
            recovery_ramp_window_ms,
        },
    )
}

fn config() -> impl Strategy<Value = Config> {
    config_of(profile())
}

fn entries() -> impl Strategy<Value = Vec<Entry>> {
    proptest::collection::vec(
        (millis(), event()).prop_map(|(at, event)| Entry { at, event }),
        0..30,
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn a_rejected_event_never_changes_the_state(s in state(), e in event(), now in millis(), c in config()) {
        let verdict = transition(&s, &e, now, &c);
        prop_assert_eq!(&verdict.from, &s);
        if verdict.outcome != Outcome::Applied {
            prop_assert_eq!(&verdict.to, &s);
        }
        prop_assert_eq!(verdict.code.is_some(), verdict.outcome == Outcome::Rejected);
        prop_assert!(!verdict.message.is_empty());
    }

    /// Under `strict` the admin effects (enter from Active, exit from
    /// Maintenance or DrainFailed) are themselves arcs of the table, so every
    /// change is a valid successor. (Under `node`, EnterMaintenance from any
    /// state is not: the nodes do not check it.)
    #[test]
    fn every_strict_change_is_a_valid_successor(s in state(), e in event(), now in millis(), c in config_of(Just(Profile::Strict))) {
        let verdict = transition(&s, &e, now, &c);
        if verdict.outcome == Outcome::Applied {
            prop_assert!(is_valid_successor(&s, &verdict.to), "{:?} -> {:?}", s, verdict.to);
            prop_assert_ne!(&verdict.to, &s);
        }
    }

    /// The two profiles differ only in SPEC section 8's rows: observed
    /// transitions and reconcile are the same, and the node never rejects an
    /// operator command.
    #[test]
    fn profiles_differ_only_on_operator_commands(s in state(), e in event(), now in millis(), c in config_of(Just(Profile::Node))) {
        let node = transition(&s, &e, now, &c);
        let strict = transition(&s, &e, now, &Config { profile: Profile::Strict, ..c });
        match &e {
            Event::TransitionObserved { .. } | Event::Reconcile { .. } => prop_assert_eq!(node, strict),
            Event::EnterMaintenance { drain_for_ms } => {
                prop_assert_ne!(node.outcome, Outcome::Rejected);
                let window = drain_for_ms.or(c.default_drain_for_ms);
                let expected = MaintenanceState::EnteringMaintenance { since: now, deadline: window.map(|w| now.saturating_add(w)) };
                prop_assert_eq!(&node.to, &expected);
                prop_assert_eq!(node.outcome == Outcome::Unchanged, s == expected);
            }
            Event::ExitMaintenance { .. } => {
                prop_assert_ne!(node.outcome, Outcome::Rejected);
                let exits = matches!(s, MaintenanceState::Maintenance { .. } | MaintenanceState::DrainFailed { .. });
                prop_assert_eq!(node.outcome == Outcome::Applied, exits);
                if exits {
                    prop_assert_eq!(&node.to, &MaintenanceState::ExitingMaintenance { since: now });
                }
            }
        }
    }

    #[test]
    fn a_frozen_cluster_reconciles_nothing(s in state(), k in conditions(), now in millis(), c in config()) {
        let frozen = Conditions { cluster_frozen: true, ..k };
        prop_assert_eq!(reconcile(&s, &frozen, now, &c), None);
    }

    #[test]
    fn every_reconcile_target_is_a_valid_successor(s in state(), k in conditions(), now in millis(), c in config()) {
        if let Some(target) = reconcile(&s, &k, now, &c) {
            prop_assert!(is_valid_successor(&s, &target));
            prop_assert_ne!(target.kind(), s.kind());
        }
    }

    /// The SPEC's idempotent replay. With a zero recovery ramp window a
    /// reconcile that reaches Recovery reaches Active on the next pass, at
    /// the same `now` (the SPEC's own rules), so the window is positive here.
    #[test]
    fn the_same_event_twice_is_unchanged_the_second_time(s in state(), e in event(), now in millis(), c in config()) {
        prop_assume!(c.recovery_ramp_window_ms > Millis::ZERO);
        let first = transition(&s, &e, now, &c);
        let second = transition(&first.to, &e, now, &c);
        match first.outcome {
            Outcome::Rejected => prop_assert_eq!(second.outcome, Outcome::Rejected),
            Outcome::Applied | Outcome::Unchanged => prop_assert_eq!(second.outcome, Outcome::Unchanged, "{:?}", second),
        }
    }

    #[test]
    fn replay_is_a_fold_of_transition(initial in state(), chain in entries(), c in config()) {
        let outcome = replay(&chain, initial.clone(), &c);
        let (mut current, mut applied, mut unchanged, mut rejected) = (initial, 0, 0, Vec::new());
        for (index, entry) in chain.iter().enumerate() {
            let verdict = transition(&current, &entry.event, entry.at, &c);
            match verdict.outcome {
                Outcome::Applied => { applied += 1; current = verdict.to; }
                Outcome::Unchanged => unchanged += 1,
                Outcome::Rejected => rejected.push((index, verdict)),
            }
        }
        prop_assert_eq!(&outcome.state, &current);
        prop_assert_eq!(outcome.applied, applied);
        prop_assert_eq!(outcome.unchanged, unchanged);
        let got: Vec<_> = outcome.rejected.into_iter().map(|r| (r.index, r.verdict)).collect();
        prop_assert_eq!(got, rejected);
    }

    /// The packed path on chains it can express (observed states without
    /// deadline or reason) agrees with the object path entry by entry.
    #[test]
    fn packed_and_object_replays_agree(initial in state(), chain in entries(), c in config()) {
        let expressible: Vec<Entry> = chain.into_iter().map(|mut entry| {
            if let Event::TransitionObserved { state } = &mut entry.event {
                match state {
                    MaintenanceState::EnteringMaintenance { deadline, .. } => *deadline = None,
                    MaintenanceState::DrainFailed { reason, .. } => reason.clear(),
                    _ => {}
                }
            }
            entry
        }).collect();
        let (mut codes, mut at, mut params) = (Vec::new(), Vec::new(), Vec::new());
        for entry in &expressible {
            let (code, param) = match &entry.event {
                Event::EnterMaintenance { drain_for_ms } => (packed::ENTER_MAINTENANCE, drain_for_ms.map_or(f64::NAN, Millis::as_f64)),
                Event::ExitMaintenance { force: false } => (packed::EXIT_MAINTENANCE, 0.0),
                Event::ExitMaintenance { force: true } => (packed::FORCE_EXIT, 0.0),
                Event::Reconcile { conditions } => (packed::RECONCILE, f64::from(conditions.bits())),
                Event::TransitionObserved { state } => {
                    let (kind, since, _) = packed::encode(state);
                    (packed::OBSERVED + kind, since)
                }
            };
            codes.push(code);
            at.push(entry.at.as_f64());
            params.push(param);
        }
        let mut columns = PackedReplay::new(initial.clone(), c);
        columns.push(&codes, &at, &params).expect("an expressible chain");
        let packed = columns.finish();
        let objects = replay(&expressible, initial, &c);
        prop_assert_eq!(packed.state, objects.state);
        prop_assert_eq!(packed.applied, objects.applied);
        prop_assert_eq!(packed.unchanged, objects.unchanged);
        let indices: Vec<u32> = objects.rejected.iter().map(|r| r.index as u32).collect();
        prop_assert_eq!(packed.rejected, indices);
    }

    #[test]
    fn serde_json_round_trips(s in state(), e in event(), c in config(), at in millis()) {
        let back: MaintenanceState = serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
        prop_assert_eq!(back, s.clone());
        let back: Event = serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
        prop_assert_eq!(back, e.clone());
        let back: Config = serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
        prop_assert_eq!(back, c);
        let entry = Entry { at, event: e.clone() };
        let back: Entry = serde_json::from_str(&serde_json::to_string(&entry).unwrap()).unwrap();
        prop_assert_eq!(back, entry);
        // A verdict's JSON holds states that decode back to its own.
        let verdict = transition(&s, &e, at, &c);
        let json: serde_json::Value = serde_json::to_value(&verdict).unwrap();
        let to: MaintenanceState = serde_json::from_value(json["to"].clone()).unwrap();
        let from: MaintenanceState = serde_json::from_value(json["from"].clone()).unwrap();
        prop_assert_eq!((from, to), (verdict.from.clone(), verdict.to.clone()));
        prop_assert_eq!(json["outcome"].as_str(), Some(verdict.outcome.as_str()));
    }

    /// SPEC section 10: a view taken at `t` reads back as the state it was
    /// taken of, in every dialect, whenever `since <= t` and the deadline (if
    /// any) is not past; and reading any view never leaves the domain.
    #[test]
    fn views_round_trip(s in state(), t in millis(), d in prop_oneof![Just(Dialect::Sdk), Just(Dialect::Ffi), Just(Dialect::Snapshot)]) {
        let view = to_view(&s, t);
        let json = serde_json::to_value(view.encode(d)).unwrap();
        let dialect = serde_json::to_value(d.name()).unwrap();
        let observed_at = serde_json::to_value(t).unwrap();
        let back = api::from_view(&Some(&json), &Some(&observed_at), &Some(&dialect)).expect("a view we wrote reads back");
        prop_assert_eq!(&back, &from_view(&view, t));
        let in_range = s.since().is_none_or(|since| since <= t)
            && !matches!(s, MaintenanceState::EnteringMaintenance { deadline: Some(deadline), .. } if deadline < t);
        if in_range {
            prop_assert_eq!(back, s);
        } else {
            // Saturated: the since is clamped to `t`, a passed deadline to `t`.
            prop_assert!(back.since().is_none_or(|since| since <= t));
        }
    }

    /// Deadlines and elapsed times stay in the domain at its edges.
    #[test]
    fn no_arithmetic_wraps(now in millis(), window in millis(), since in millis(), c in config()) {
        let enter = transition(&MaintenanceState::Active, &Event::EnterMaintenance { drain_for_ms: Some(window) }, now, &c);
        let MaintenanceState::EnteringMaintenance { deadline: Some(deadline), .. } = enter.to else {
            return Err(TestCaseError::fail("EnterMaintenance from Active must set a deadline"));
        };
        prop_assert!(deadline >= now && deadline <= Millis::MAX);
        prop_assert_eq!(deadline.get(), now.get().saturating_add(window.get()).min(Millis::MAX.get()));
        let entering = MaintenanceState::EnteringMaintenance { since, deadline: Some(Millis::ZERO) };
        let failed = reconcile(&entering, &Conditions::default(), now, &c).expect("the deadline has passed");
        let MaintenanceState::DrainFailed { reason, .. } = failed else {
            return Err(TestCaseError::fail("expected DrainFailed"));
        };
        prop_assert_eq!(reason, format!("drain deadline elapsed after {}ms", now.get().saturating_sub(since.get())));
        let recovery = MaintenanceState::Recovery { since };
        let active = reconcile(&recovery, &Conditions::default(), now, &c);
        prop_assert_eq!(active.is_some(), now.get().saturating_sub(since.get()) >= c.recovery_ramp_window_ms.get());
    }
}
