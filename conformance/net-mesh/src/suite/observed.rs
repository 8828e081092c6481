//! Observed transitions (`MaintenanceTransitionObserved` for this node,
//! folded by `MeshOsState::apply`) against our `TransitionObserved`: the
//! same in both profiles, checked under `Profile::Node`.

use mesh_maintenance::{transition, Conditions, Config, Event, Outcome};

use super::convert;
use super::net::adapter::net::behavior::meshos::MeshOsEvent;
use super::node::{self, Node, THIS_NODE};
use crate::random::Random;
use crate::tally::{self, Difference, Part};

pub const NAME: &str = crate::parts::OBSERVED;

pub fn run(node: &Node, mut random: Random, cases: u64, mut part: Part) -> Part {
    for _ in 0..cases {
        let now = random.now();
        let clock = node.clock(now);
        let state = random.state(now);
        let observed = match random.below(10) {
            // The same state again: a replay.
            0 => state.clone(),
            // A valid successor kind half of the time.
            1..=5 => {
                let kinds: Vec<_> = mesh_maintenance::StateKind::ALL
                    .into_iter()
                    .filter(|kind| state.kind().is_valid_successor(*kind))
                    .collect();
                let kind = random.pick(&kinds);
                random.state_of(kind, now)
            }
            _ => random.state(now),
        };
        let event = Event::TransitionObserved {
            state: observed.clone(),
        };
        let verdict = transition(&state, &event, now, &Config::node());
        let expected = if verdict.is_applied() {
            &verdict.to
        } else {
            &state
        };
        let mapped = (
            convert::state(&state, &clock),
            convert::state(&observed, &clock),
            convert::state(expected, &clock),
        );
        let (Some(before), Some(seen), Some(after)) = mapped else {
            part.record(tally::Outcome::Documented(Difference::InstantOutOfRange));
            continue;
        };
        let Some(mut folded) =
            node.holding(Conditions::default(), &before, &mut part, (&state, now))
        else {
            continue;
        };
        folded.apply(
            &MeshOsEvent::MaintenanceTransitionObserved {
                node: THIS_NODE,
                state: seen,
            },
            THIS_NODE,
        );
        let changed = !node::holds(&folded, &before);
        part.saw(verdict.outcome.as_str());
        part.node_said((changed, node::snapshot(&folded)));
        let ours_changed = verdict.outcome == Outcome::Applied;
        part.record(if node::holds(&folded, &after) && changed == ours_changed {
            tally::Outcome::Agree
        } else {
            tally::Outcome::disagree(
                (&state, &observed, now),
                (verdict.outcome, &verdict.to),
                (changed, node::local_text(&folded)),
            )
        });
    }
    part
}
