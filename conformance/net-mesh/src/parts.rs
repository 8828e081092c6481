//! The suite's parts: their names, in report order, and the answers each
//! must have reached in a run of 1000 cases or more, so that agreeing is
//! never agreeing about nothing.

pub const COMMANDS: &str = "operator commands";
pub const OBSERVED: &str = "observed transitions";
pub const RECONCILE: &str = "reconcile";
pub const SUCCESSOR: &str = "successor and predicates";
pub const ADMISSION: &str = "admission";
pub const ORDER: &str = "admission order (loop)";
pub const PAYLOAD: &str = "signing payload";
pub const SIGNATURES: &str = "signed commits";
pub const VIEWS: &str = "views";

pub const ALL: [&str; 9] = [
    COMMANDS, OBSERVED, RECONCILE, SUCCESSOR, ADMISSION, ORDER, PAYLOAD, SIGNATURES, VIEWS,
];

pub fn required(part: &str) -> &'static [&'static str] {
    match part {
        COMMANDS => &["changed", "unchanged"],
        OBSERVED => &["applied", "unchanged", "rejected"],
        RECONCILE => &[
            "Maintenance",
            "DrainFailed",
            "Recovery",
            "Active",
            "nothing",
            "frozen",
        ],
        SUCCESSOR => &["valid", "invalid"],
        ADMISSION => &["freeze", "freshness", "rules", "changed", "unchanged"],
        ORDER => &[
            "freeze_in_effect",
            "envelope_expired",
            "envelope_from_future",
            "not_authorized",
            "signature_invalid",
            "accepted",
            "unverified",
        ],
        PAYLOAD => &["EnterMaintenance", "ExitMaintenance"],
        SIGNATURES => &[
            "verified",
            "NOT_AUTHORIZED",
            "INVALID_SIGNATURE",
            "ENVELOPE_EXPIRED",
            "ENVELOPE_FROM_FUTURE",
        ],
        VIEWS => &[
            "Active",
            "EnteringMaintenance",
            "Maintenance",
            "ExitingMaintenance",
            "DrainFailed",
            "Recovery",
        ],
        _ => &[],
    }
}
