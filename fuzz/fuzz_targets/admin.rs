//! Any JSON as the arguments of the admission and signing API (`admit`,
//! `Machine.allowedActions`' options, `adminSigningPayload`,
//! `prepareAdminCommit`, `checkOperatorRegistry`): decoding never panics; an
//! error names a path under the argument at fault and its message starts
//! with that path; and what decodes is consistent: an admission decided by
//! the rules is `transition`'s verdict, a payload is the domain tag, the
//! little-endian `issuedAt` and a short postcard body, and the bytes a
//! prepared commit hands to the signature check are that payload.
#![no_main]

mod common;

use common::{check, Arguments};
use libfuzzer_sys::fuzz_target;
use mesh_maintenance::json::Json;
use mesh_maintenance::{api, Decision, Stage, Verification, ADMIN_SIGNING_DOMAIN};
use serde_json::Value;

fn member<'a>(value: Json<'a>, name: &str) -> Json<'a> {
    value.and_then(|v| v.get(name))
}

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<Value>(data) else {
        return;
    };
    let args = Arguments::of(&value);
    let arg = |i: usize| args.get(i);

    let admitted = api::admit(&arg(0), &arg(1), &arg(2));
    check(&admitted, &["request", "now", "policy"]);
    if let Ok((state, stage, decision)) = &admitted {
        let request = arg(0);
        let config = member(request, "config");
        let rules = api::decide(
            &member(request, "state"),
            &member(request, "event"),
            &arg(1),
            &config,
        );
        let (from, rules) = rules.expect("admit decoded these");
        assert_eq!(&from, state);
        if *stage == Stage::Rules {
            assert_eq!(decision, &rules);
        } else {
            assert!(
                !matches!(decision, Decision::Applied { .. }),
                "refused at {stage:?} but applied"
            );
        }
    }

    let allowed = api::allowed_at(&arg(0), &arg(1));
    check(&allowed, &["now", "options"]);

    let payload = api::admin_signing_payload(&arg(0), &arg(1));
    check(&payload, &["command", "issuedAt"]);
    if let Ok(bytes) = &payload {
        let issued_at = api::timestamp(&arg(1)).expect("decoded once");
        assert_eq!(&bytes[..20], ADMIN_SIGNING_DOMAIN);
        assert_eq!(bytes[20..28], issued_at.get().to_le_bytes());
        // variant, node (at most 10), Option tag, secs (at most 8 for 2^53 ms), nanos (at most 5).
        assert!(
            bytes.len() >= 30 && bytes.len() <= 28 + 1 + 10 + 1 + 8 + 5,
            "{} bytes",
            bytes.len()
        );
    }

    let prepared = api::prepare_admin_commit(&arg(0), &arg(1), &arg(2), &arg(3));
    check(&prepared, &["commit", "now", "registry", "policy"]);
    if let Ok(Verification::Check { payload, .. }) = &prepared {
        let commit = arg(0);
        let expected =
            api::admin_signing_payload(&member(commit, "command"), &member(commit, "issuedAt"));
        assert_eq!(Some(payload), expected.as_ref().ok());
    }

    for i in 0..4 {
        let registry = api::operator_registry(&arg(i));
        check(&registry, &["registry"]);
        if let Ok(n) = registry {
            assert!(n <= 4096);
        }
    }
});
