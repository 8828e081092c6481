//! One node, reached through net-mesh's public API only: a `MeshOsState`
//! folded from events, its `reconcile`, its snapshot.
//!
//! A node reads every time at its last `Tick`, which it takes from the
//! real clock. The harness ticks once, finds that instant exactly (by
//! bisection on reconcile's ramp-window comparison, which runs at
//! nanosecond precision), and makes it every case's `now` ([`Clock`]).
//! A state is put in place by `MaintenanceTransitionObserved` events along
//! the successor table, and read back through the snapshot (the node's
//! published view) and, to the nanosecond, through `MeshOsState`'s
//! `Debug` form, the only public window on `local_maintenance`'s instants.

use std::collections::VecDeque;
use std::fmt::Debug;
use std::time::{Duration, Instant};

use mesh_maintenance::{Conditions, Millis};

use super::net::adapter::net::behavior::meshos as node;
use crate::clock::Clock;
use crate::tally::{Outcome, Part};
use node::{
    AdminEvent, DaemonHealth, DaemonLifecycleSignal, DaemonRef, DesiredState, LocalityConfig,
    MaintenanceConfig, MaintenanceState, MaintenanceStateSnapshot, MaintenanceTransition,
    MeshOsAction, MeshOsEvent, MeshOsSnapshot, MeshOsState, ReplicaUpdate, SchedulerConfig,
};

/// The node every case is about.
pub const THIS_NODE: u64 = 7;
/// A peer, holding a replica in every template (reconcile's "drained"
/// looks at this node's holdings only).
const PEER: u64 = 8;

pub struct Node {
    tick: Instant,
    /// A ticked state per combination of the three observed conditions,
    /// indexed by [`template_index`].
    templates: Vec<MeshOsState>,
}

fn template_index(conditions: Conditions) -> usize {
    usize::from(conditions.replicas_drained)
        | usize::from(conditions.daemons_stopped) << 1
        | usize::from(conditions.daemons_healthy) << 2
}

impl Node {
    pub fn new() -> Node {
        let before = Instant::now();
        let mut ticked = MeshOsState::default();
        ticked.apply(&MeshOsEvent::Tick, THIS_NODE);
        let tick = find_tick(&ticked, before);
        let templates = (0..8)
            .map(|bits| {
                let conditions = Conditions {
                    replicas_drained: bits & 1 != 0,
                    daemons_stopped: bits & 2 != 0,
                    daemons_healthy: bits & 4 != 0,
                    cluster_frozen: false,
                };
                template(&ticked, conditions, tick)
            })
            .collect();
        Node { tick, templates }
    }

    /// The clock of a case whose `now` is `now`.
    pub fn clock(&self, now: Millis) -> Clock {
        Clock::new(self.tick, now)
    }

    /// [`Node::with`], a refusal recorded on `part` as a disagreement about
    /// `case` (every part that folds a state treats a refusal the same way).
    pub fn holding(
        &self,
        conditions: Conditions,
        state: &MaintenanceState,
        part: &mut Part,
        case: impl Debug,
    ) -> Option<MeshOsState> {
        match self.with(conditions, state) {
            Ok(folded) => Some(folded),
            Err(text) => {
                part.record(Outcome::disagree(case, "the node takes the state", text));
                None
            }
        }
    }

    /// A node that observes `conditions` and whose own maintenance state
    /// is `state`; `Err` with the node's state if its successor table
    /// refused the way there.
    pub fn with(
        &self,
        conditions: Conditions,
        state: &MaintenanceState,
    ) -> Result<MeshOsState, String> {
        let mut node = self.templates[template_index(conditions)].clone();
        for step in path_to(state, self.tick) {
            node.apply(
                &MeshOsEvent::MaintenanceTransitionObserved {
                    node: THIS_NODE,
                    state: step,
                },
                THIS_NODE,
            );
        }
        if holds(&node, state) {
            Ok(node)
        } else {
            Err(local_text(&node))
        }
    }
}

/// The instant `ticked` took its tick at: `before` plus the largest
/// window reconcile still finds elapsed for a `Recovery` begun at
/// `before`.
fn find_tick(ticked: &MeshOsState, before: Instant) -> Instant {
    let mut probe = ticked.clone();
    for step in path_to(&MaintenanceState::Recovery { since: before }, before) {
        probe.apply(
            &MeshOsEvent::MaintenanceTransitionObserved {
                node: THIS_NODE,
                state: step,
            },
            THIS_NODE,
        );
    }
    let elapsed = |nanos: u64| {
        reconcile(&probe, Duration::from_nanos(nanos)) == vec![MaintenanceTransition::Active]
    };
    assert!(
        elapsed(0),
        "a Recovery with a zero ramp window ends at once"
    );
    let (mut low, mut high) = (0u64, 1u64);
    while elapsed(high) {
        low = high;
        high *= 2;
    }
    while high - low > 1 {
        let middle = low + (high - low) / 2;
        if elapsed(middle) {
            low = middle;
        } else {
            high = middle;
        }
    }
    let tick = before + Duration::from_nanos(low);
    // The same instant, as the node's own Debug form shows it.
    assert!(
        format!("{ticked:?}").contains(&format!("last_tick: Some({tick:?})")),
        "the tick found by bisection is the node's last tick"
    );
    tick
}

/// A ticked node with one chain held by a peer, plus what `conditions`
/// needs: a chain this node holds unless its replicas are drained, and
/// daemons that are all stopped, all running and healthy, both (none at
/// all) or neither.
fn template(ticked: &MeshOsState, conditions: Conditions, at: Instant) -> MeshOsState {
    let mut node = ticked.clone();
    let mut fold = |event: MeshOsEvent| node.apply(&event, THIS_NODE);
    fold(MeshOsEvent::ReplicaUpdate(ReplicaUpdate::Added {
        chain: 1,
        holder: PEER,
    }));
    if !conditions.replicas_drained {
        fold(MeshOsEvent::ReplicaUpdate(ReplicaUpdate::Added {
            chain: 2,
            holder: THIS_NODE,
        }));
    }
    let daemon = |id: u64| DaemonRef {
        id,
        name: format!("daemon-{id}"),
    };
    let signal = |id: u64, signal: DaemonLifecycleSignal| MeshOsEvent::DaemonLifecycle {
        daemon: daemon(id),
        signal,
    };
    let health = |health| DaemonLifecycleSignal::HealthChanged { at, health };
    match (conditions.daemons_stopped, conditions.daemons_healthy) {
        // No daemon: "all stopped" and "all healthy" both hold.
        (true, true) => {}
        (true, false) => {
            fold(signal(1, DaemonLifecycleSignal::Started { at }));
            fold(signal(1, DaemonLifecycleSignal::ExitedCleanly { at }));
            fold(signal(2, DaemonLifecycleSignal::Started { at }));
            fold(signal(
                2,
                DaemonLifecycleSignal::Crashed {
                    at,
                    reason: "test".into(),
                },
            ));
        }
        (false, healthy) => {
            fold(signal(1, DaemonLifecycleSignal::Started { at }));
            fold(signal(1, health(DaemonHealth::Healthy)));
            // Running with no health reported counts as healthy.
            fold(signal(2, DaemonLifecycleSignal::Started { at }));
            if !healthy {
                fold(signal(3, DaemonLifecycleSignal::Started { at }));
                fold(signal(3, health(DaemonHealth::Unhealthy)));
            }
        }
    }
    node
}

/// The states an Active node observes, in order, to reach `state`
/// (intermediate states begun at `at`).
fn path_to(state: &MaintenanceState, at: Instant) -> Vec<MaintenanceState> {
    let entering = MaintenanceState::EnteringMaintenance {
        since: at,
        deadline: None,
    };
    let maintenance = MaintenanceState::Maintenance { since: at };
    let exiting = MaintenanceState::ExitingMaintenance { since: at };
    let mut path = match state {
        MaintenanceState::Active => return Vec::new(),
        MaintenanceState::EnteringMaintenance { .. } => vec![],
        MaintenanceState::Maintenance { .. } | MaintenanceState::DrainFailed { .. } => {
            vec![entering]
        }
        MaintenanceState::ExitingMaintenance { .. } => vec![entering, maintenance],
        _ => vec![entering, maintenance, exiting],
    };
    path.push(state.clone());
    path
}

/// The `Debug` text of the node's own maintenance state, from
/// `MeshOsState`'s derived `Debug`.
pub fn local_text(node: &MeshOsState) -> String {
    let text = format!("{node:?}");
    let field = "local_maintenance: ";
    let Some(at) = text.find(field) else {
        return format!("(no {field}in MeshOsState's Debug form)");
    };
    let rest = &text[at + field.len()..];
    let end = rest.find(", blobs: ").unwrap_or(rest.len().min(300));
    rest[..end].to_string()
}

/// Whether the node's own maintenance state is exactly `state`, to the
/// nanosecond.
pub fn holds(node: &MeshOsState, state: &MaintenanceState) -> bool {
    let text = format!("{node:?}");
    let expected = format!("local_maintenance: {state:?}");
    text.find("local_maintenance: ").is_some_and(|at| {
        let rest = &text[at..];
        rest.starts_with(&format!("{expected}, ")) || rest.starts_with(&format!("{expected} }}"))
    })
}

/// The node's published view of its own state (`MeshOsSnapshot::from_state`,
/// measured at its last tick).
pub fn snapshot(node: &MeshOsState) -> MaintenanceStateSnapshot {
    MeshOsSnapshot::from_state(
        node,
        &DesiredState::default(),
        &[],
        &[],
        Vec::new(),
        &VecDeque::new(),
        &VecDeque::new(),
        THIS_NODE,
    )
    .local_maintenance
}

/// The maintenance transitions reconcile commits for this node.
pub fn reconcile(node: &MeshOsState, ramp_window: Duration) -> Vec<MaintenanceTransition> {
    let mut maintenance = MaintenanceConfig::default();
    maintenance.recovery_ramp_window = ramp_window;
    node::reconcile(
        node,
        &DesiredState::default(),
        THIS_NODE,
        &LocalityConfig::default(),
        &maintenance,
        &SchedulerConfig::default(),
        None,
    )
    .into_iter()
    .filter_map(|action| match action {
        MeshOsAction::CommitMaintenanceTransition { node, target } if node == THIS_NODE => {
            Some(target)
        }
        _ => None,
    })
    .collect()
}

/// Folds an admin event into `node`.
pub fn admin(node: &mut MeshOsState, event: AdminEvent) {
    node.apply(&MeshOsEvent::AdminEvent(event), THIS_NODE);
}

/// A freeze declared at the node's tick, lasting `ttl` (`anchor + ttl`).
pub fn freeze(node: &mut MeshOsState, ttl: Duration) {
    admin(node, AdminEvent::FreezeCluster { ttl });
}
