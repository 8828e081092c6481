//! A signed admin commit, checked as a node checks it (upstream `ice.rs`
//! `verify_admin_commit`): the envelope's freshness, then the operator's
//! registration, then an Ed25519 signature over
//! [`crate::admin_signing_payload`]. This crate does no cryptography: it
//! decides every step up to the signature check, and hands the caller the
//! key, the bytes and the signature to verify, with the verdict for either
//! answer already written.

use alloc::string::String;
use alloc::vec::Vec;

use serde::Serialize;

use crate::freshness::{check_freshness, Policy, Stale};
use crate::message::stale_clause;
use crate::signing::{admin_signing_payload, AdminCommand, NodeId};
use crate::text::Text;
use crate::time::Millis;

/// An Ed25519 public key, raw.
pub type PublicKey = [u8; 32];

/// The operators whose signatures a node accepts, by operator id (upstream
/// `OperatorRegistry`: `operator_id: u64` → public key). A plain list
/// rather than a `BTreeMap`: a registry names a few operators and is read
/// once per command, and the map's code was a tenth of the gate's download.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OperatorRegistry {
    keys: Vec<(NodeId, PublicKey)>,
}

impl OperatorRegistry {
    /// Registers `key` for `operator_id`, replacing any key it had.
    pub fn insert(&mut self, operator_id: NodeId, key: PublicKey) {
        match self.keys.iter_mut().find(|(id, _)| *id == operator_id) {
            Some(entry) => entry.1 = key,
            None => self.keys.push((operator_id, key)),
        }
    }

    pub fn key(&self, operator_id: NodeId) -> Option<&PublicKey> {
        self.keys
            .iter()
            .find(|(id, _)| *id == operator_id)
            .map(|(_, key)| key)
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

impl FromIterator<(NodeId, PublicKey)> for OperatorRegistry {
    fn from_iter<I: IntoIterator<Item = (NodeId, PublicKey)>>(entries: I) -> Self {
        let mut registry = OperatorRegistry::default();
        for (operator_id, key) in entries {
            registry.insert(operator_id, key);
        }
        registry
    }
}

/// A command, the time its envelope was issued, and one operator's
/// signature over them (upstream `SignedAdminCommit` with its
/// `OperatorSignature`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedCommit {
    pub command: AdminCommand,
    pub issued_at: Millis,
    pub operator_id: NodeId,
    /// Should be 64 bytes; any other length is refused as an invalid
    /// signature, not as malformed input (upstream does the same).
    pub signature: Vec<u8>,
}

/// The check that decided a verification.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum VerifyStage {
    Freshness,
    Registry,
    Signature,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum VerifyCode {
    EnvelopeFromFuture,
    EnvelopeExpired,
    /// The operator id is not in the registry (upstream `NotAuthorized`).
    NotAuthorized,
    /// Not 64 bytes, or not a signature by the registered key over the
    /// command (upstream `InvalidSignature`).
    InvalidSignature,
}

impl From<Stale> for VerifyCode {
    fn from(stale: Stale) -> VerifyCode {
        match stale {
            Stale::FromFuture { .. } => VerifyCode::EnvelopeFromFuture,
            Stale::Expired { .. } => VerifyCode::EnvelopeExpired,
        }
    }
}

impl VerifyCode {
    pub const fn as_str(self) -> &'static str {
        match self {
            VerifyCode::EnvelopeFromFuture => "ENVELOPE_FROM_FUTURE",
            VerifyCode::EnvelopeExpired => "ENVELOPE_EXPIRED",
            VerifyCode::NotAuthorized => "NOT_AUTHORIZED",
            VerifyCode::InvalidSignature => "INVALID_SIGNATURE",
        }
    }
}

impl VerifyStage {
    pub const fn as_str(self) -> &'static str {
        match self {
            VerifyStage::Freshness => "freshness",
            VerifyStage::Registry => "registry",
            VerifyStage::Signature => "signature",
        }
    }
}

/// The answer to "would a node accept this signed commit?", before the
/// rules. Its JSON form: `{outcome: "verified" | "rejected", stage, code?,
/// operatorId, message}`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum CommitVerdict {
    Verified {
        operator_id: NodeId,
        message: String,
    },
    Rejected {
        stage: VerifyStage,
        code: VerifyCode,
        operator_id: NodeId,
        message: String,
    },
}

impl CommitVerdict {
    pub const fn is_verified(&self) -> bool {
        matches!(self, CommitVerdict::Verified { .. })
    }

    pub fn message(&self) -> &str {
        match self {
            CommitVerdict::Verified { message, .. } | CommitVerdict::Rejected { message, .. } => {
                message
            }
        }
    }

    fn rejected(
        stage: VerifyStage,
        code: VerifyCode,
        operator_id: NodeId,
        message: String,
    ) -> Self {
        CommitVerdict::Rejected {
            stage,
            code,
            operator_id,
            message,
        }
    }
}

/// Where a verification stands once everything but the cryptography is
/// decided.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verification {
    /// Refused before the signature check.
    Decided(CommitVerdict),
    /// Verify `signature` over `payload` with `public_key` (Ed25519), and
    /// answer `valid` or `invalid`.
    Check {
        public_key: PublicKey,
        payload: Vec<u8>,
        signature: [u8; 64],
        valid: CommitVerdict,
        invalid: CommitVerdict,
    },
}

/// "ExitMaintenance of node 42 with a 600000 ms drain", appended to `text`.
fn describe(text: Text, command: &AdminCommand) -> Text {
    match *command {
        AdminCommand::EnterMaintenance {
            node,
            drain_for_ms: Some(window),
        } => text
            .s("EnterMaintenance of node ")
            .n(node)
            .s(" with a ")
            .n(window.get())
            .s(" ms drain"),
        AdminCommand::EnterMaintenance {
            node,
            drain_for_ms: None,
        } => text
            .s("EnterMaintenance of node ")
            .n(node)
            .s(" without a drain window"),
        AdminCommand::ExitMaintenance { node } => text.s("ExitMaintenance of node ").n(node),
    }
}

/// Freshness, then registration, then what the signature check must see.
pub fn prepare_verification(
    commit: &SignedCommit,
    now: Millis,
    policy: &Policy,
    registry: &OperatorRegistry,
) -> Verification {
    let operator = commit.operator_id;
    let command = &commit.command;
    let operator_text = || Text::new().s("Operator ").n(operator);
    let decided = |stage, code, text: Text| {
        Verification::Decided(CommitVerdict::rejected(stage, code, operator, text.done()))
    };
    if let Err(stale) = check_freshness(commit.issued_at, now, policy) {
        let text = describe(operator_text().s(" signed "), command).s(", but ");
        return decided(
            VerifyStage::Freshness,
            VerifyCode::from(stale),
            stale_clause(text, stale).s("."),
        );
    }
    let Some(public_key) = registry.key(operator) else {
        let text = operator_text().s(" is not in the operator registry, so ");
        return decided(
            VerifyStage::Registry,
            VerifyCode::NotAuthorized,
            describe(text, command).s(" is not authorized."),
        );
    };
    let Ok(signature) = <[u8; 64]>::try_from(commit.signature.as_slice()) else {
        let text = describe(operator_text().s("'s signature over "), command)
            .s(" is not 64 bytes (got ")
            .n(commit.signature.len() as u64)
            .s(").");
        return decided(VerifyStage::Signature, VerifyCode::InvalidSignature, text);
    };
    let valid = describe(operator_text().s("'s signature over "), command)
        .s(" verifies.")
        .done();
    let invalid = describe(
        operator_text().s("'s signature does not verify against the registered key for "),
        command,
    )
    .s(".")
    .done();
    Verification::Check {
        public_key: *public_key,
        payload: admin_signing_payload(&commit.command, commit.issued_at),
        signature,
        valid: CommitVerdict::Verified {
            operator_id: operator,
            message: valid,
        },
        invalid: CommitVerdict::rejected(
            VerifyStage::Signature,
            VerifyCode::InvalidSignature,
            operator,
            invalid,
        ),
    }
}

impl Serialize for CommitVerdict {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        match self {
            CommitVerdict::Verified {
                operator_id,
                message,
            } => {
                map.serialize_entry("outcome", "verified")?;
                map.serialize_entry("stage", "signature")?;
                map.serialize_entry("operatorId", &crate::text::decimal(*operator_id))?;
                map.serialize_entry("message", message)?;
            }
            CommitVerdict::Rejected {
                stage,
                code,
                operator_id,
                message,
            } => {
                map.serialize_entry("outcome", "rejected")?;
                map.serialize_entry("stage", stage)?;
                map.serialize_entry("code", code)?;
                map.serialize_entry("operatorId", &crate::text::decimal(*operator_id))?;
                map.serialize_entry("message", message)?;
            }
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::OperatorRegistry;

    #[test]
    fn a_registry_finds_each_operator_and_replaces_a_key() {
        let mut registry: OperatorRegistry = [(9, [9; 32]), (1, [1; 32]), (5, [5; 32])]
            .into_iter()
            .collect();
        assert_eq!(registry.len(), 3);
        for id in [1, 5, 9] {
            assert_eq!(registry.key(id), Some(&[u8::try_from(id).unwrap(); 32]));
        }
        for id in [0, 2, 6, 10, u64::MAX] {
            assert_eq!(registry.key(id), None);
        }
        registry.insert(5, [7; 32]);
        assert_eq!(registry.len(), 3);
        assert_eq!(registry.key(5), Some(&[7; 32]));
        assert!(!registry.is_empty() && OperatorRegistry::default().is_empty());
    }
}
