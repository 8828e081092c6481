//! The bytes an operator signs (upstream `ice.rs`
//! `admin_event_signing_payload`): a domain tag, the envelope's `issued_at`
//! as a little-endian u64, then the postcard encoding of the node's
//! `AdminEvent`. A node verifies an Ed25519 signature over exactly these
//! bytes, so they are built here byte for byte rather than through a
//! serializer: postcard's rules for the few types involved are short.

use alloc::vec::Vec;

use crate::time::Millis;

/// The domain separation tag, NUL included: 20 bytes.
pub const ADMIN_SIGNING_DOMAIN: &[u8; 20] = b"net.meshos.admin.v1\0";

/// A node's identity on the mesh: upstream's `NodeId`, a `u64`.
pub type NodeId = u64;

/// The operator commands a console can sign, as the node's `AdminEvent`
/// variants they encode to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AdminCommand {
    /// `AdminEvent::EnterMaintenance { node, drain_for: Option<Duration> }`,
    /// variant 0. `None`: no drain window.
    EnterMaintenance {
        node: NodeId,
        drain_for_ms: Option<Millis>,
    },
    /// `AdminEvent::ExitMaintenance { node }`, variant 1.
    ExitMaintenance { node: NodeId },
}

impl AdminCommand {
    /// The variant's index in upstream's `AdminEvent` declaration, which
    /// postcard writes first.
    const fn variant(self) -> u32 {
        match self {
            AdminCommand::EnterMaintenance { .. } => 0,
            AdminCommand::ExitMaintenance { .. } => 1,
        }
    }

    pub const fn node(self) -> NodeId {
        match self {
            AdminCommand::EnterMaintenance { node, .. }
            | AdminCommand::ExitMaintenance { node } => node,
        }
    }
}

/// The exact bytes a node verifies an operator's signature over.
pub fn admin_signing_payload(command: &AdminCommand, issued_at: Millis) -> Vec<u8> {
    // Domain 20, issued_at 8, at most 10 + 10 + 1 + 10 + 5 for the event.
    let mut bytes = Vec::with_capacity(64);
    bytes.extend_from_slice(ADMIN_SIGNING_DOMAIN);
    bytes.extend_from_slice(&issued_at.get().to_le_bytes());
    varint(&mut bytes, u64::from(command.variant()));
    varint(&mut bytes, command.node());
    if let AdminCommand::EnterMaintenance { drain_for_ms, .. } = *command {
        match drain_for_ms {
            None => bytes.push(0),
            Some(window) => {
                bytes.push(1);
                // `Duration` serializes as `{secs: u64, nanos: u32}`.
                let (secs, millis) = (window.get() / 1000, window.get() % 1000);
                varint(&mut bytes, secs);
                varint(&mut bytes, millis.saturating_mul(1_000_000));
            }
        }
    }
    bytes
}

/// Postcard's unsigned varint: seven bits at a time, least significant
/// first, the high bit set on every byte but the last.
fn varint(bytes: &mut Vec<u8>, mut value: u64) {
    loop {
        let low = (value & 0x7f) as u8;
        value >>= 7;
        if value == 0 {
            bytes.push(low);
            return;
        }
        bytes.push(low | 0x80);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(bytes: &[u8]) -> alloc::string::String {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        bytes
            .iter()
            .flat_map(|b| [DIGITS[usize::from(b >> 4)], DIGITS[usize::from(b & 15)]])
            .map(char::from)
            .collect()
    }

    #[test]
    fn varints_follow_postcard() {
        let cases: [(u64, &str); 6] = [
            (0, "00"),
            (127, "7f"),
            (128, "8001"),
            (300, "ac02"),
            (1 << 53, "8080808080808010"),
            (u64::MAX, "ffffffffffffffffff01"),
        ];
        for (value, expected) in cases {
            let mut bytes = Vec::new();
            varint(&mut bytes, value);
            assert_eq!(hex(&bytes), expected, "{value}");
        }
    }

    #[test]
    fn payload_layout() {
        let exit = admin_signing_payload(
            &AdminCommand::ExitMaintenance { node: 7 },
            Millis::new(0x0102).unwrap(),
        );
        assert_eq!(&exit[..20], ADMIN_SIGNING_DOMAIN);
        assert_eq!(hex(&exit[20..]), "02010000000000000107");
        let enter = admin_signing_payload(
            &AdminCommand::EnterMaintenance {
                node: 128,
                drain_for_ms: Some(Millis::new(1_500).unwrap()),
            },
            Millis::ZERO,
        );
        // variant 0, node 128, Some, secs 1, nanos 500_000_000.
        assert_eq!(hex(&enter[28..]), "008001010180cab5ee01");
    }
}
