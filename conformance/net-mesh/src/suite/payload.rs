//! The signing payload: our `admin_signing_payload` against the node's
//! `admin_event_signing_payload`, byte for byte.

use mesh_maintenance::{admin_signing_payload, AdminCommand};

use super::convert;
use super::net::adapter::net::behavior::meshos::admin_event_signing_payload;
use crate::random::Random;
use crate::tally::{self, Part};

pub const NAME: &str = crate::parts::PAYLOAD;

/// An operator command: any node id, any drain window or none.
pub fn command(random: &mut Random) -> AdminCommand {
    let node = random.id();
    if random.chance(60) {
        let drain_for_ms = random.chance(75).then(|| random.duration());
        AdminCommand::EnterMaintenance { node, drain_for_ms }
    } else {
        AdminCommand::ExitMaintenance { node }
    }
}

pub fn run(mut random: Random, cases: u64, mut part: Part) -> Part {
    for _ in 0..cases {
        let command = command(&mut random);
        let issued_at = random.now();
        let ours = admin_signing_payload(&command, issued_at);
        let theirs = admin_event_signing_payload(&convert::command(&command), issued_at.get());
        part.node_said(&theirs);
        part.saw(match command {
            AdminCommand::EnterMaintenance { .. } => "EnterMaintenance",
            AdminCommand::ExitMaintenance { .. } => "ExitMaintenance",
        });
        part.record(tally::Outcome::compare(
            (command, issued_at),
            hex(&ours),
            hex(&theirs),
        ));
    }
    part
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
