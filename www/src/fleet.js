// The embedded default: a simulated fleet. Only the physical world is
// simulated here (how long replicas take to drain, daemons to stop and to
// come back healthy); it is reported to the wasm rules as Reconcile
// conditions, and every state change comes from a Machine verdict.
import { Machine } from "mesh-maintenance";

const s = 1000;
const min = 60 * s;

/** Physical behaviour of each simulated node; `drainMs: Infinity` never drains. */
export const DEFAULT_FLEET = [
  { name: "edge-ams-1", drainMs: 90 * s, stopMs: 20 * s, restartMs: 40 * s, note: "healthy" },
  { name: "edge-fra-2", drainMs: 3 * min, stopMs: 30 * s, restartMs: 60 * s, note: "healthy, slow drain" },
  { name: "edge-lhr-3", drainMs: 2 * min, stopMs: 15 * s, restartMs: 30 * s, note: "healthy" },
  { name: "core-par-4", drainMs: Infinity, stopMs: 30 * s, restartMs: 45 * s, note: "drain never completes" },
  { name: "core-mad-5", drainMs: 60 * s, stopMs: 20 * s, restartMs: 8 * min, note: "restarts slowly" },
  { name: "core-waw-6", drainMs: 2 * min, stopMs: 20 * s, restartMs: 50 * s, note: "healthy" },
];

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
  constructor({ name, drainMs, stopMs, restartMs, note }) {
    Object.assign(this, { name, drainMs, stopMs, restartMs, note });
    this.machine = new Machine();
  }

  /** What the node's agents would report right now. */
  conditions(now) {
    const state = this.machine.state;
    const elapsed = state.since === undefined ? 0 : Math.max(0, now - state.since);
    switch (state.kind) {
      case "EnteringMaintenance":
        return { replicasDrained: elapsed >= this.drainMs, daemonsStopped: elapsed >= this.drainMs + this.stopMs };
      case "Maintenance":
        return { replicasDrained: true, daemonsStopped: true };
      case "ExitingMaintenance":
        return { daemonsHealthy: elapsed >= this.restartMs };
      default:
        return {};
    }
  }
}

export function createFleet(specs = DEFAULT_FLEET) {
  return specs.map((spec) => new SimNode(spec));
}
