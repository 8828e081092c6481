//! `is_valid_successor` on every pair of kinds (with random fields at
//! the time boundaries), and the predicates `is_non_active`,
//! `is_steady_maintenance` and `since`. (`rank` is private in net-mesh,
//! `maintenance.rs` `fn rank`: there is nothing public to compare.)

use std::time::Instant;

use mesh_maintenance::{is_valid_successor, StateKind};

use super::convert;
use super::node::Node;
use crate::random::Random;
use crate::tally::{self, Difference, Part};

pub const NAME: &str = crate::parts::SUCCESSOR;

/// `at - tick` in nanoseconds: an instant in terms that do not depend on
/// when the node ticked.
fn offset(at: Instant, tick: Instant) -> i128 {
    if at >= tick {
        (at - tick).as_nanos() as i128
    } else {
        -((tick - at).as_nanos() as i128)
    }
}

pub fn run(node: &Node, mut random: Random, cases: u64, mut part: Part) -> Part {
    for case in 0..cases {
        // Every ordered pair of kinds in turn.
        let from_kind = StateKind::ALL[(case % 6) as usize];
        let to_kind = StateKind::ALL[(case / 6 % 6) as usize];
        let now = random.now();
        let clock = node.clock(now);
        let from = random.state_of(from_kind, now);
        let to = random.state_of(to_kind, now);
        let (Some(node_from), Some(node_to)) =
            (convert::state(&from, &clock), convert::state(&to, &clock))
        else {
            part.record(tally::Outcome::Documented(Difference::InstantOutOfRange));
            continue;
        };
        let ours = (
            is_valid_successor(&from, &to),
            from.is_non_active(),
            from.is_steady_maintenance(),
            from.since().and_then(|since| clock.instant(since)),
        );
        let theirs = (
            node_from.is_valid_successor(&node_to),
            node_from.is_non_active(),
            node_from.is_steady_maintenance(),
            node_from.since(),
        );
        part.node_said((
            theirs.0,
            theirs.1,
            theirs.2,
            theirs.3.map(|since| offset(since, clock.tick())),
        ));
        part.saw(if theirs.0 { "valid" } else { "invalid" });
        part.record(tally::Outcome::compare((&from, &to, now), ours, theirs));
    }
    part
}
