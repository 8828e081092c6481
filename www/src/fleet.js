// The embedded default: a simulated fleet. Only the physical world is
// simulated here (how long replicas take to drain, daemons to stop and to
// come back healthy); it is reported to the wasm rules as Reconcile
// conditions, and every state change comes from a Machine verdict.
import { Machine } from "mesh-maintenance/full";

const s = 1000;
const min = 60 * s;

/**
 * Physical behaviour of each simulated node; `drainMs: Infinity` never
 * drains. `id` is the node's u64 id (a decimal string), the one an operator
 * signs commands for.
 */
export const DEFAULT_FLEET = [
  { id: "1", name: "edge-ams-1", drainMs: 90 * s, stopMs: 20 * s, restartMs: 40 * s, note: "healthy" },
  { id: "2", name: "edge-fra-2", drainMs: 3 * min, stopMs: 30 * s, restartMs: 60 * s, note: "healthy, slow drain" },
  { id: "3", name: "edge-lhr-3", drainMs: 2 * min, stopMs: 15 * s, restartMs: 30 * s, note: "healthy" },
  { id: "4", name: "core-par-4", drainMs: Infinity, stopMs: 30 * s, restartMs: 45 * s, note: "drain never completes" },
  { id: "5", name: "core-mad-5", drainMs: 60 * s, stopMs: 20 * s, restartMs: 8 * min, note: "restarts slowly" },
  { id: "6", name: "core-waw-6", drainMs: 2 * min, stopMs: 20 * s, restartMs: 50 * s, note: "healthy" },
];

/**
 * What a node loaded from a snapshot does physically: the file says where it
 * is, not how fast its replicas drain, so every loaded node is a healthy one.
 */
export const LOADED_BEHAVIOUR = { drainMs: 2 * min, stopMs: 20 * s, restartMs: 45 * s, note: "from snapshot; simulated healthy" };

/**
 * Operator actions the simulation takes by itself, so the cluster is busy
 * from the start. They go through the same check-then-apply path as a click,
 * so an exported log replays from `Active` exactly.
 */
export const DEFAULT_SCENARIO = [
  { at: 0, node: "edge-fra-2", event: { type: "EnterMaintenance" } },
  { at: 0, node: "core-par-4", event: { type: "EnterMaintenance" } },
  { at: 0, node: "core-mad-5", event: { type: "EnterMaintenance" } },
  { at: 2 * min, node: "core-mad-5", event: { type: "ExitMaintenance" } },
];

export class SimNode {
  /**
   * `state` and `config` go to the node's Machine. `origin` is when the
   * simulation starts knowing the node: physical progress (draining,
   * stopping, restarting) is timed from the later of the state's `since` and
   * `origin`, so a node loaded mid-drain still takes `drainMs` from the load.
   */
  constructor({ id, name, drainMs, stopMs, restartMs, note }, { state, config, origin = 0 } = {}) {
    Object.assign(this, { id, name, drainMs, stopMs, restartMs, note, origin });
    this.machine = new Machine({ state, config });
  }

  /** Same state, new rules: the machine is rebuilt with `config`. */
  setConfig(config) {
    const next = new Machine({ state: this.machine.state, config });
    this.machine.free();
    this.machine = next;
  }

  /** What the node's agents would report right now; `clusterFrozen` as declared. */
  conditions(now, { clusterFrozen = false } = {}) {
    const state = this.machine.state;
    const start = Math.max(state.since ?? 0, this.origin);
    const elapsed = Math.max(0, now - start);
    const frozen = clusterFrozen ? { clusterFrozen: true } : {};
    switch (state.kind) {
      case "EnteringMaintenance":
        return { replicasDrained: elapsed >= this.drainMs, daemonsStopped: elapsed >= this.drainMs + this.stopMs, ...frozen };
      case "Maintenance":
        return { replicasDrained: true, daemonsStopped: true, ...frozen };
      case "ExitingMaintenance":
        return { daemonsHealthy: elapsed >= this.restartMs, ...frozen };
      default:
        return { ...frozen };
    }
  }

  dispose() {
    this.machine.free();
  }
}

export function createFleet(config, specs = DEFAULT_FLEET) {
  return specs.map((spec) => new SimNode(spec, { config }));
}
