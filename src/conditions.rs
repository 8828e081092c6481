//! What is observed about a node, for reconcile.

use serde::Serialize;

/// What is observed about a node. An omitted flag is `false`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Conditions {
    pub replicas_drained: bool,
    pub daemons_stopped: bool,
    pub daemons_healthy: bool,
    /// A cluster freeze is in effect: reconcile moves no node (and no drain
    /// fails) until it is lifted, as on the nodes.
    pub cluster_frozen: bool,
}

/// One flag of [`Conditions`]: its JSON name and its bit in the numeric
/// forms (packed columns, the JavaScript boundary).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Condition {
    ReplicasDrained,
    DaemonsStopped,
    DaemonsHealthy,
    ClusterFrozen,
}

impl Condition {
    pub const ALL: [Condition; 4] = [
        Condition::ReplicasDrained,
        Condition::DaemonsStopped,
        Condition::DaemonsHealthy,
        Condition::ClusterFrozen,
    ];

    pub const fn name(self) -> &'static str {
        match self {
            Condition::ReplicasDrained => "replicasDrained",
            Condition::DaemonsStopped => "daemonsStopped",
            Condition::DaemonsHealthy => "daemonsHealthy",
            Condition::ClusterFrozen => "clusterFrozen",
        }
    }

    pub const fn bit(self) -> u8 {
        match self {
            Condition::ReplicasDrained => 1,
            Condition::DaemonsStopped => 2,
            Condition::DaemonsHealthy => 4,
            Condition::ClusterFrozen => 8,
        }
    }
}

impl Conditions {
    /// Every bit set: the largest valid bit set.
    pub const ALL_BITS: u8 = 15;

    pub const fn get(self, condition: Condition) -> bool {
        match condition {
            Condition::ReplicasDrained => self.replicas_drained,
            Condition::DaemonsStopped => self.daemons_stopped,
            Condition::DaemonsHealthy => self.daemons_healthy,
            Condition::ClusterFrozen => self.cluster_frozen,
        }
    }

    pub fn set(&mut self, condition: Condition, value: bool) {
        let flag = match condition {
            Condition::ReplicasDrained => &mut self.replicas_drained,
            Condition::DaemonsStopped => &mut self.daemons_stopped,
            Condition::DaemonsHealthy => &mut self.daemons_healthy,
            Condition::ClusterFrozen => &mut self.cluster_frozen,
        };
        *flag = value;
    }

    /// The conditions a bit set names, if it names only known bits.
    pub fn from_bits(bits: u8) -> Option<Conditions> {
        if bits > Conditions::ALL_BITS {
            return None;
        }
        let mut conditions = Conditions::default();
        for condition in Condition::ALL {
            conditions.set(condition, bits & condition.bit() != 0);
        }
        Some(conditions)
    }

    pub fn bits(self) -> u8 {
        Condition::ALL
            .into_iter()
            .filter(|c| self.get(*c))
            .fold(0, |bits, c| bits | c.bit())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_round_trip() {
        for bits in 0..=Conditions::ALL_BITS {
            assert_eq!(
                Conditions::from_bits(bits).map(Conditions::bits),
                Some(bits)
            );
        }
        assert_eq!(Conditions::from_bits(16), None);
    }
}
