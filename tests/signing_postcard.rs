//! The hand-built signing payload against the real thing: upstream builds
//! it with `postcard::to_allocvec(&AdminEvent)`, so a serde mirror of the
//! `AdminEvent` variants it carries, encoded by postcard, must give the same
//! bytes for every command, node id and window.
#![cfg(not(target_arch = "wasm32"))]

use std::time::Duration;

use mesh_maintenance::{admin_signing_payload, AdminCommand, Millis, ADMIN_SIGNING_DOMAIN};
use proptest::prelude::*;
use serde::Serialize;

/// The first two variants of upstream's `AdminEvent` (event.rs), in
/// declaration order; postcard writes the variant index first, so the
/// variants after them do not change these bytes.
#[derive(Serialize)]
enum AdminEvent {
    EnterMaintenance {
        node: u64,
        drain_for: Option<Duration>,
    },
    ExitMaintenance {
        node: u64,
    },
}

/// Upstream's `admin_event_signing_payload`, layout for layout.
fn upstream_payload(event: &AdminEvent, issued_at_ms: u64) -> Vec<u8> {
    let inner = postcard::to_allocvec(event).expect("postcard encodes it");
    let mut buf = Vec::new();
    buf.extend_from_slice(ADMIN_SIGNING_DOMAIN);
    buf.extend_from_slice(&issued_at_ms.to_le_bytes());
    buf.extend_from_slice(&inner);
    buf
}

fn node() -> impl Strategy<Value = u64> {
    prop_oneof![
        Just(0u64),
        Just(127),
        Just(128),
        Just(1 << 53),
        Just(u64::MAX),
        any::<u64>(),
        0u64..1000,
    ]
}

fn millis() -> impl Strategy<Value = Millis> {
    prop_oneof![
        Just(0u64),
        Just(999),
        Just(1500),
        Just(Millis::MAX.get()),
        0u64..=Millis::MAX.get(),
    ]
    .prop_map(|value| Millis::new(value).expect("in the domain"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 5000, ..ProptestConfig::default() })]

    #[test]
    fn enter_matches_postcard(node in node(), window in proptest::option::of(millis()), issued_at in millis()) {
        let ours = admin_signing_payload(&AdminCommand::EnterMaintenance { node, drain_for_ms: window }, issued_at);
        let drain_for = window.map(|w| Duration::from_millis(w.get()));
        let theirs = upstream_payload(&AdminEvent::EnterMaintenance { node, drain_for }, issued_at.get());
        prop_assert_eq!(ours, theirs);
    }

    #[test]
    fn exit_matches_postcard(node in node(), issued_at in millis()) {
        let ours = admin_signing_payload(&AdminCommand::ExitMaintenance { node }, issued_at);
        let theirs = upstream_payload(&AdminEvent::ExitMaintenance { node }, issued_at.get());
        prop_assert_eq!(ours, theirs);
    }
}
