//! The full signed path with real keys: a signature made with
//! ed25519-dalek over OUR payload bytes must verify in the node's
//! `AdminVerifier` (its `OperatorRegistry`, `verify_strict`), and every
//! tampered field (issued_at, node, drain_for, operator, a signature
//! byte, the signature's length) must fail in both. Ours is
//! `prepare_verification` plus an ed25519-dalek `verify_strict` of the
//! key, bytes and signature it hands back.

use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use mesh_maintenance::{
    check_freshness, prepare_verification, AdminCommand, CommitVerdict, Millis, OperatorRegistry,
    Policy, SignedCommit, Verification, VerifyCode,
};

use super::admission::{policy, verifier};
use super::convert;
use super::net::adapter::net::behavior::meshos::{
    self as node_api, OperatorSignature, VerifyError,
};
use super::net::adapter::net::identity::EntityId;
use super::payload::command;
use crate::random::Random;
use crate::tally::{self, Part};

pub const NAME: &str = crate::parts::SIGNATURES;

/// What a case changes after signing.
#[derive(Clone, Copy, Debug)]
enum Tamper {
    Nothing,
    IssuedAt,
    Node,
    DrainFor,
    /// Another registered operator's id on the signature.
    OtherOperator,
    /// An operator the registry does not know.
    UnknownOperator,
    SignatureBit,
    SignatureLength,
}

const TAMPERS: [Tamper; 10] = [
    Tamper::Nothing,
    Tamper::Nothing,
    Tamper::Nothing,
    Tamper::IssuedAt,
    Tamper::Node,
    Tamper::DrainFor,
    Tamper::OtherOperator,
    Tamper::UnknownOperator,
    Tamper::SignatureBit,
    Tamper::SignatureLength,
];

struct Operator {
    id: u64,
    key: SigningKey,
}

fn operators() -> [Operator; 2] {
    [
        Operator {
            id: 42,
            key: SigningKey::from_bytes(&[7; 32]),
        },
        Operator {
            id: u64::MAX,
            key: SigningKey::from_bytes(&[9; 32]),
        },
    ]
}

const UNKNOWN_OPERATOR: u64 = 1 << 53;

/// A verification's answer: `None` when verified, else the code.
type Answer = Option<VerifyCode>;

/// Our verification of a commit, the signature checked with ed25519-dalek:
/// `None` when verified. The order part uses it too.
pub fn ours(
    commit: &SignedCommit,
    now: Millis,
    policy: &Policy,
    registry: &OperatorRegistry,
) -> Answer {
    match prepare_verification(commit, now, policy, registry) {
        Verification::Decided(verdict) => match verdict {
            CommitVerdict::Rejected { code, .. } => Some(code),
            CommitVerdict::Verified { .. } => None,
        },
        Verification::Check {
            public_key,
            payload,
            signature,
            ..
        } => {
            let valid = VerifyingKey::from_bytes(&public_key).is_ok_and(|key| {
                key.verify_strict(&payload, &Signature::from_bytes(&signature))
                    .is_ok()
            });
            (!valid).then_some(VerifyCode::InvalidSignature)
        }
    }
}

fn theirs(
    commit: &SignedCommit,
    now: Millis,
    policy: &Policy,
    registry: &node_api::OperatorRegistry,
) -> Result<Answer, String> {
    let signature = OperatorSignature {
        operator_id: commit.operator_id,
        signature: commit.signature.clone(),
    };
    let answer = verifier(registry.clone(), policy).verify_admin_commit(
        &convert::command(&commit.command),
        &signature,
        commit.issued_at.get(),
        now.get(),
    );
    match answer {
        Ok(()) => Ok(None),
        Err(VerifyError::NotAuthorized { .. }) => Ok(Some(VerifyCode::NotAuthorized)),
        Err(VerifyError::InvalidSignature { .. }) => Ok(Some(VerifyCode::InvalidSignature)),
        Err(VerifyError::EnvelopeExpired { .. }) => Ok(Some(VerifyCode::EnvelopeExpired)),
        Err(VerifyError::EnvelopeFromFuture { .. }) => Ok(Some(VerifyCode::EnvelopeFromFuture)),
        Err(other) => Err(format!("{other:?}")),
    }
}

fn tamper(random: &mut Random, commit: &mut SignedCommit, what: Tamper) {
    match what {
        Tamper::Nothing => {}
        Tamper::IssuedAt => {
            let by = 1 + random.below(1000);
            commit.issued_at = if random.chance(50) && commit.issued_at.get() >= by {
                Millis::saturating_from(commit.issued_at.get() - by)
            } else if commit.issued_at.get() + by <= Millis::MAX.get() {
                Millis::saturating_from(commit.issued_at.get() + by)
            } else {
                Millis::saturating_from(commit.issued_at.get() - by)
            };
        }
        Tamper::Node => {
            let flip = 1u64 << random.below(64);
            commit.command = match commit.command {
                AdminCommand::EnterMaintenance { node, drain_for_ms } => {
                    AdminCommand::EnterMaintenance {
                        node: node ^ flip,
                        drain_for_ms,
                    }
                }
                AdminCommand::ExitMaintenance { node } => {
                    AdminCommand::ExitMaintenance { node: node ^ flip }
                }
            };
        }
        Tamper::DrainFor => {
            commit.command = match commit.command {
                AdminCommand::EnterMaintenance {
                    node,
                    drain_for_ms: Some(window),
                } => AdminCommand::EnterMaintenance {
                    node,
                    drain_for_ms: if random.chance(50) {
                        None
                    } else {
                        Some(Millis::saturating_from(window.get() ^ 1))
                    },
                },
                AdminCommand::EnterMaintenance { node, .. } => AdminCommand::EnterMaintenance {
                    node,
                    drain_for_ms: Some(random.duration()),
                },
                // An exit signed, an entry presented.
                AdminCommand::ExitMaintenance { node } => AdminCommand::EnterMaintenance {
                    node,
                    drain_for_ms: None,
                },
            };
        }
        Tamper::OtherOperator => {
            commit.operator_id = if commit.operator_id == 42 {
                u64::MAX
            } else {
                42
            };
        }
        Tamper::UnknownOperator => commit.operator_id = UNKNOWN_OPERATOR,
        Tamper::SignatureBit => {
            let byte = random.below(64) as usize;
            commit.signature[byte] ^= 1 << random.below(8);
        }
        Tamper::SignatureLength => {
            if random.chance(50) {
                commit.signature.pop();
            } else {
                commit.signature.push(0);
            }
        }
    }
}

pub fn run(mut random: Random, cases: u64, mut part: Part) -> Part {
    let operators = operators();
    let registry: OperatorRegistry = operators
        .iter()
        .map(|operator| (operator.id, operator.key.verifying_key().to_bytes()))
        .collect();
    let mut node_registry = node_api::OperatorRegistry::new();
    for operator in &operators {
        node_registry.insert(
            operator.id,
            EntityId::from_bytes(operator.key.verifying_key().to_bytes()),
        );
    }
    for _ in 0..cases {
        let command = command(&mut random);
        let policy = if random.chance(75) {
            Policy::default()
        } else {
            policy(&mut random)
        };
        let issued_at = random.now();
        // Mostly fresh, sometimes at or past either edge.
        let now = match random.below(10) {
            0 => random.near(issued_at.saturating_add(policy.freshness_window_ms)),
            1 => random.near(issued_at.saturating_since(policy.future_skew_ms)),
            _ => Millis::saturating_from(
                issued_at
                    .get()
                    .saturating_add(random.below(policy.freshness_window_ms.get().max(1)))
                    .min(Millis::MAX.get()),
            ),
        };
        let signer = &operators[random.below(2) as usize];
        let payload = mesh_maintenance::admin_signing_payload(&command, issued_at);
        let mut commit = SignedCommit {
            command,
            issued_at,
            operator_id: signer.id,
            signature: signer.key.sign(&payload).to_bytes().to_vec(),
        };
        let what = random.pick(&TAMPERS);
        tamper(&mut random, &mut commit, what);
        let ours = ours(&commit, now, &policy, &registry);
        let input = (what, &commit, now, policy);
        // Agreeing is not enough: exactly the untampered, fresh commits
        // verify, on both sides.
        let should_verify = matches!(what, Tamper::Nothing)
            && check_freshness(commit.issued_at, now, &policy).is_ok();
        let outcome = match theirs(&commit, now, &policy, &node_registry) {
            Ok(theirs) if (theirs.is_none() || ours.is_none()) != should_verify => {
                tally::Outcome::disagree(
                    (input, "only an untampered, fresh commit verifies"),
                    ours,
                    theirs,
                )
            }
            Ok(theirs) => {
                part.node_said(theirs);
                part.saw(theirs.map_or("verified", VerifyCode::as_str));
                tally::Outcome::compare(input, ours, theirs)
            }
            Err(text) => tally::Outcome::disagree(input, ours, text),
        };
        part.record(outcome);
    }
    part
}
