//! The `node` profile's operator commands: `EnterMaintenance` and
//! `ExitMaintenance` for this node, folded by `MeshOsState::apply`,
//! against our `transition` under `Profile::Node`.

use mesh_maintenance::{
    transition, Conditions, Config, Event, MaintenanceState, Millis, Outcome, Verdict,
};

use super::convert;
use super::net::adapter::net::behavior::meshos::{self as node_api, AdminEvent};
use super::node::{self, Node, THIS_NODE};
use crate::clock::Clock;
use crate::random::Random;
use crate::tally::{self, Difference, Part};

pub const NAME: &str = crate::parts::COMMANDS;

pub fn run(node: &Node, mut random: Random, cases: u64, mut part: Part) -> Part {
    for _ in 0..cases {
        let now = random.now();
        let (event, admin) = if random.chance(55) {
            let drain_for_ms = random.drain_for(now);
            (
                Event::EnterMaintenance { drain_for_ms },
                AdminEvent::EnterMaintenance {
                    node: THIS_NODE,
                    drain_for: drain_for_ms.map(convert::duration),
                },
            )
        } else {
            (
                Event::ExitMaintenance {
                    force: random.chance(50),
                },
                AdminEvent::ExitMaintenance { node: THIS_NODE },
            )
        };
        let state = match event {
            // Sometimes exactly what re-entering would give: unchanged.
            Event::EnterMaintenance { drain_for_ms } if random.chance(15) => {
                MaintenanceState::EnteringMaintenance {
                    since: now,
                    deadline: drain_for_ms.map(|window| now.saturating_add(window)),
                }
            }
            _ => random.state(now),
        };
        let verdict = transition(&state, &event, now, &Config::node());
        let outcome = fold(
            node,
            &node.clock(now),
            &state,
            &event,
            &verdict,
            admin,
            &mut part,
        );
        part.record(outcome);
    }
    part
}

/// Folds `admin` into a node in `state` and compares with our `verdict`
/// on `event`; also used by the admission part for its rules stage.
pub fn fold(
    node: &Node,
    clock: &Clock,
    state: &MaintenanceState,
    event: &Event,
    verdict: &Verdict,
    admin: AdminEvent,
    part: &mut Part,
) -> tally::Outcome {
    let now = clock.now();
    let expected = if verdict.is_applied() {
        &verdict.to
    } else {
        state
    };
    let (Some(before), Some(after)) = (
        convert::state(state, clock),
        convert::state(expected, clock),
    ) else {
        return tally::Outcome::Documented(Difference::InstantOutOfRange);
    };
    let mut folded = match node.with(Conditions::default(), &before) {
        Ok(folded) => folded,
        Err(text) => {
            return tally::Outcome::disagree((state, now), "the node takes the state", text)
        }
    };
    node::admin(&mut folded, admin);
    let changed = !node::holds(&folded, &before);
    part.saw(if changed { "changed" } else { "unchanged" });
    part.node_said((changed, node::snapshot(&folded)));
    let ours_changed = match verdict.outcome {
        Outcome::Applied => Some(true),
        Outcome::Unchanged => Some(false),
        // The node never refuses an operator command it folds.
        Outcome::Rejected => None,
    };
    if node::holds(&folded, &after) && ours_changed == Some(changed) {
        return tally::Outcome::Agree;
    }
    if let Event::EnterMaintenance {
        drain_for_ms: Some(window),
    } = event
    {
        if window.get() > Millis::MAX.get() - now.get() {
            let exact = node_api::MaintenanceState::EnteringMaintenance {
                since: clock.tick(),
                deadline: clock.after_now(*window),
            };
            if node::holds(&folded, &exact) {
                return tally::Outcome::Documented(Difference::DeadlinePastDomain);
            }
        }
    }
    tally::Outcome::disagree(
        (state, event, now),
        (verdict.outcome, &verdict.to),
        (
            if changed { "changed" } else { "unchanged" },
            node::local_text(&folded),
            node::snapshot(&folded),
        ),
    )
}
