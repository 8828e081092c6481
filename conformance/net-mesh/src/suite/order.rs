//! The order of a node's admission checks, on a running `MeshOsLoop`
//! (`event_loop.rs`, `MeshOsLoop::apply`): the cluster freeze first (at
//! the loop's last tick), then the signed envelope (`verify_admin_commit`
//! on the wall clock: freshness, registry, signature), then the fold.
//! Every combination of a freeze, the command and the envelope (unsigned,
//! fresh, expired, from the future, unknown operator, bad signature) is
//! published to a loop with a verifier, and the node's audit record and
//! resulting state are compared with our `admit` (freeze, freshness,
//! rules) and `prepare_verification` (registry, signature). Freshness
//! runs on the wall clock here, so the envelopes sit an hour off, never at
//! a boundary: the boundaries are the admission part's.

use std::sync::Arc;
use std::time::{Duration, Instant};

use ed25519_dalek::{Signer, SigningKey};
use mesh_maintenance::{
    admit, AdminCommand, AdmissionRequest, Config, MaintenanceState, Millis, OperatorAction,
    OperatorRegistry, Policy, RejectCode, SignedCommit, Stage, VerifyCode,
};

use super::convert;
use super::net::adapter::net::behavior::meshos::{
    self as node_api, now_ms_since_unix_epoch, AdminEvent, AdminVerifier, MeshOsConfig,
    MeshOsEvent, MeshOsLoop, OperatorSignature, VerificationOutcome,
};
use super::net::adapter::net::identity::EntityId;
use super::node::THIS_NODE;
use super::signatures;
use crate::tally::{self, Part};

pub const NAME: &str = crate::parts::ORDER;

const HOUR: u64 = 3_600_000;
const OPERATOR: u64 = 42;
const UNKNOWN_OPERATOR: u64 = 1 << 53;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Envelope {
    Unsigned,
    Fresh,
    Expired,
    FromFuture,
    UnknownOperator,
    BadSignature,
}

const ENVELOPES: [Envelope; 6] = [
    Envelope::Unsigned,
    Envelope::Fresh,
    Envelope::Expired,
    Envelope::FromFuture,
    Envelope::UnknownOperator,
    Envelope::BadSignature,
];

pub fn run(mut part: Part) -> Part {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .expect("a tokio runtime");
    let key = SigningKey::from_bytes(&[7; 32]);
    for frozen in [false, true] {
        for exit in [false, true] {
            for envelope in ENVELOPES {
                let outcome = runtime.block_on(scenario(frozen, exit, envelope, &key, &mut part));
                part.record(outcome);
            }
        }
    }
    part
}

/// What a case came to: the audit record's outcome (`accepted`,
/// `unverified` or the rejection's kind) and the state's kind after it.
type Answer = (String, String);

async fn scenario(
    frozen: bool,
    exit: bool,
    envelope: Envelope,
    key: &SigningKey,
    part: &mut Part,
) -> tally::Outcome {
    let now = Millis::new(now_ms_since_unix_epoch()).expect("the wall clock is in the domain");
    let command = if exit {
        AdminCommand::ExitMaintenance { node: THIS_NODE }
    } else {
        AdminCommand::EnterMaintenance {
            node: THIS_NODE,
            drain_for_ms: Some(Millis::saturating_from(60_000)),
        }
    };
    let issued_at = Millis::saturating_from(match envelope {
        Envelope::Expired => now.get() - HOUR,
        Envelope::FromFuture => now.get() + HOUR,
        _ => now.get(),
    });
    let operator_id = if envelope == Envelope::UnknownOperator {
        UNKNOWN_OPERATOR
    } else {
        OPERATOR
    };
    let payload = mesh_maintenance::admin_signing_payload(&command, issued_at);
    let mut signature = key.sign(&payload).to_bytes().to_vec();
    if envelope == Envelope::BadSignature {
        signature[10] ^= 4;
    }
    let commit = SignedCommit {
        command,
        issued_at,
        operator_id,
        signature,
    };
    let input = (frozen, envelope, &commit);
    let ours = ours(frozen, exit, envelope, &commit, key, now);
    let theirs = match node(frozen, exit, envelope, &commit, key).await {
        Ok(answer) => answer,
        Err(text) => return tally::Outcome::disagree(input, ours, text),
    };
    part.node_said(&theirs);
    part.saw(&theirs.0);
    tally::Outcome::compare(input, ours, theirs)
}

fn ours(
    frozen: bool,
    exit: bool,
    envelope: Envelope,
    commit: &SignedCommit,
    key: &SigningKey,
    now: Millis,
) -> Answer {
    let state = if exit {
        MaintenanceState::Maintenance { since: now }
    } else {
        MaintenanceState::Active
    };
    let action = match commit.command {
        AdminCommand::EnterMaintenance { drain_for_ms, .. } => {
            OperatorAction::EnterMaintenance { drain_for_ms }
        }
        AdminCommand::ExitMaintenance { .. } => OperatorAction::ExitMaintenance { force: false },
    };
    let signed = envelope != Envelope::Unsigned;
    let request = AdmissionRequest {
        state: state.clone(),
        action,
        frozen_until: frozen.then(|| now.saturating_add(Millis::saturating_from(HOUR))),
        issued_at: signed.then_some(commit.issued_at),
        config: Config::node(),
    };
    let admission = admit(&request, now, &Policy::default());
    let registry: OperatorRegistry = [(OPERATOR, key.verifying_key().to_bytes())]
        .into_iter()
        .collect();
    let outcome = match (admission.stage, admission.verdict.code) {
        (Stage::Freeze, _) => "freeze_in_effect",
        (Stage::Freshness, Some(RejectCode::EnvelopeExpired)) => "envelope_expired",
        (Stage::Freshness, _) => "envelope_from_future",
        (Stage::Rules, _) if !signed => "unverified",
        (Stage::Rules, _) => match signatures::ours(commit, now, &Policy::default(), &registry) {
            None => "accepted",
            Some(VerifyCode::NotAuthorized) => "not_authorized",
            Some(VerifyCode::InvalidSignature) => "signature_invalid",
            Some(_) => "envelope rejected after admit found it fresh",
        },
    };
    let folded = matches!(outcome, "accepted" | "unverified");
    let after = if folded {
        admission.verdict.to.kind()
    } else {
        state.kind()
    };
    (outcome.to_string(), after.name().to_string())
}

/// Publishes the case to a fresh loop and waits for the command's audit
/// record.
async fn node(
    frozen: bool,
    exit: bool,
    envelope: Envelope,
    commit: &SignedCommit,
    key: &SigningKey,
) -> Result<Answer, String> {
    let config = MeshOsConfig::default()
        .with_this_node(THIS_NODE)
        .with_tick_interval(Duration::from_millis(5));
    let parts = MeshOsLoop::new(config);
    let mut registry = node_api::OperatorRegistry::new();
    registry.insert(
        OPERATOR,
        EntityId::from_bytes(key.verifying_key().to_bytes()),
    );
    let mesh_loop = parts
        .mesh_loop
        .with_admin_verifier(Arc::new(AdminVerifier::new(Arc::new(registry), 1)));
    let (handle, reader, _actions) = (parts.handle, parts.reader, parts.actions_rx);
    let running = tokio::spawn(mesh_loop.run());
    let publish = |event: MeshOsEvent| {
        let handle = &handle;
        async move { handle.publish(event).await.map_err(|e| format!("{e:?}")) }
    };
    if exit {
        let since = Instant::now();
        for state in [
            node_api::MaintenanceState::EnteringMaintenance {
                since,
                deadline: None,
            },
            node_api::MaintenanceState::Maintenance { since },
        ] {
            publish(MeshOsEvent::MaintenanceTransitionObserved {
                node: THIS_NODE,
                state,
            })
            .await?;
        }
    }
    if frozen {
        publish(MeshOsEvent::AdminEvent(AdminEvent::FreezeCluster {
            ttl: Duration::from_millis(HOUR),
        }))
        .await?;
    }
    let event = convert::command(&commit.command);
    publish(if envelope == Envelope::Unsigned {
        MeshOsEvent::AdminEvent(event.clone())
    } else {
        MeshOsEvent::SignedAdminCommit {
            event: event.clone(),
            signature: OperatorSignature {
                operator_id: commit.operator_id,
                signature: commit.signature.clone(),
            },
            issued_at_ms: commit.issued_at.get(),
        }
    })
    .await?;
    let waited = Instant::now();
    let answer = loop {
        let snapshot = reader.read();
        if let Some(record) = snapshot.admin_audit.iter().find(|r| r.event == event) {
            let outcome = match &record.outcome {
                VerificationOutcome::Accepted => "accepted".to_string(),
                VerificationOutcome::Unverified => "unverified".to_string(),
                VerificationOutcome::Rejected { kind, .. } => kind.clone(),
                #[allow(unreachable_patterns)]
                other => format!("{other:?}"),
            };
            let kind = convert::snapshot_kind(&snapshot.local_maintenance);
            break Ok((outcome, kind));
        }
        if waited.elapsed() > Duration::from_secs(10) {
            break Err("no audit record of the command within 10 s".to_string());
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    };
    publish(MeshOsEvent::Shutdown).await?;
    running.await.map_err(|e| format!("{e:?}"))?;
    answer
}
