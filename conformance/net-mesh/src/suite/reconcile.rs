//! Reconcile: the node's `reconcile` (its maintenance arm,
//! `diff_maintenance`, behind the cluster-freeze gate) with replicas and
//! daemons set up so its checks read the conditions we pass, against our
//! `reconcile` under `Profile::Node`. A node commits a transition's kind
//! (and a `DrainFailed` reason); the new state's `since` comes later, from
//! the chain commit, so kinds and reasons are what is compared.

use mesh_maintenance::{is_frozen, reconcile, Config, Millis, StateKind};

use super::convert;
use super::node::{self, Node};
use crate::random::Random;
use crate::tally::{self, Difference, Part};

pub const NAME: &str = crate::parts::RECONCILE;

/// A freeze declared at the case's `now` (the node's tick): its length,
/// and whether it was thawed again.
#[derive(Clone, Copy, Debug)]
pub enum Freeze {
    None,
    Declared { ttl: Millis, thawed: bool },
}

impl Freeze {
    pub fn random(random: &mut Random, now: Millis) -> Freeze {
        // A freeze cannot end past the domain: `frozenUntil <= 2^53 - 1`.
        let room = Millis::MAX.get() - now.get();
        let ttl = |random: &mut Random| {
            let ttl = match random.below(4) {
                0 => 0,
                1 => 1,
                _ => random.duration().get(),
            };
            Millis::saturating_from(ttl.min(room))
        };
        match random.below(8) {
            0..=2 => Freeze::None,
            3 => Freeze::Declared {
                ttl: ttl(random),
                thawed: true,
            },
            _ => Freeze::Declared {
                ttl: ttl(random),
                thawed: false,
            },
        }
    }

    /// When the freeze ends, in our terms (`None`: no freeze holds).
    pub fn until(self, now: Millis) -> Option<Millis> {
        match self {
            Freeze::Declared { ttl, thawed: false } => Some(now.saturating_add(ttl)),
            _ => None,
        }
    }
}

pub fn run(node: &Node, mut random: Random, cases: u64, mut part: Part) -> Part {
    use StateKind::*;
    let kinds = [
        EnteringMaintenance,
        EnteringMaintenance,
        EnteringMaintenance,
        ExitingMaintenance,
        ExitingMaintenance,
        Recovery,
        Recovery,
        Recovery,
        Active,
        Maintenance,
        DrainFailed,
    ];
    for _ in 0..cases {
        let now = random.now();
        let clock = node.clock(now);
        let kind = random.pick(&kinds);
        let state = random.state_of(kind, now);
        let mut conditions = random.conditions();
        let freeze = Freeze::random(&mut random, now);
        conditions.cluster_frozen = is_frozen(freeze.until(now), now);
        // Ramp windows at the time a Recovery has lasted, or anywhere.
        let ramp = match state.since() {
            Some(since) if random.chance(60) => random.near(now.saturating_since(since)),
            _ => random.duration(),
        };
        let config = Config {
            recovery_ramp_window_ms: ramp,
            ..Config::node()
        };
        let ours = reconcile(&state, &conditions, now, &config).map(|to| convert::target(&to));
        let Some(mapped) = convert::state(&state, &clock) else {
            part.record(tally::Outcome::Documented(Difference::InstantOutOfRange));
            continue;
        };
        let Some(mut folded) = node.holding(conditions, &mapped, &mut part, (&state, now)) else {
            continue;
        };
        if let Freeze::Declared { ttl, thawed } = freeze {
            node::freeze(&mut folded, convert::duration(ttl));
            if thawed {
                node::admin(
                    &mut folded,
                    super::net::adapter::net::behavior::meshos::AdminEvent::ThawCluster,
                );
            }
        }
        let committed = node::reconcile(&folded, convert::duration(ramp));
        part.node_said(&committed);
        if conditions.cluster_frozen {
            part.saw("frozen");
        }
        part.saw(match committed.first().and_then(convert::transition) {
            Some((kind, _)) => kind.name(),
            None => "nothing",
        });
        let theirs: Result<Option<convert::Target>, String> = match committed.as_slice() {
            [] => Ok(None),
            [one] => convert::transition(one)
                .ok_or_else(|| format!("{one:?}"))
                .map(Some),
            more => Err(format!("{more:?}")),
        };
        part.record(match theirs {
            Ok(theirs) => {
                tally::Outcome::compare((&state, conditions, freeze, ramp, now), ours, theirs)
            }
            Err(text) => {
                tally::Outcome::disagree((&state, conditions, freeze, ramp, now), ours, text)
            }
        });
    }
    part
}
