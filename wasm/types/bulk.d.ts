// The types of `mesh-maintenance/bulk`: a chain or a fleet as typed-array
// columns. The functions are wasm/js/bulk.js's.
import type { Millis, State, Config, ReplayOptions } from "./index.js";

export { MaintenanceInputError, isMaintenanceInputError } from "./index.js";

/**
 * A chain as columns, one entry per index. `kind` is an event code:
 * 0 EnterMaintenance (param: drainForMs, NaN for the default), 1 ExitMaintenance,
 * 2 ExitMaintenance with force (param 0 or NaN for both), 3 Reconcile (param: bits
 * 1 replicasDrained, 2 daemonsStopped, 4 daemonsHealthy, 8 clusterFrozen), 8 + k TransitionObserved of
 * a state of kind k (param: its since, NaN for Active; no deadline, empty reason).
 */
export interface PackedChain {
  kind: Uint8Array;
  at: Float64Array;
  param: Float64Array;
}

export interface PackedReplayResult {
  state: State;
  applied: number;
  unchanged: number;
  /** Indices of the rejected entries, in order. */
  rejected: Uint32Array;
}

/**
 * A fleet as columns, one node per index. `kind`: 0 Active, 1 EnteringMaintenance,
 * 2 Maintenance, 3 ExitingMaintenance, 4 DrainFailed, 5 Recovery; `since` (NaN for
 * Active); `deadline` (NaN for none); `conditions`: bits 1 replicasDrained,
 * 2 daemonsStopped, 4 daemonsHealthy, 8 clusterFrozen. Packed states carry no DrainFailed reason.
 */
export interface PackedFleet {
  kind: Uint8Array;
  since: Float64Array;
  deadline: Float64Array;
  conditions: Uint8Array;
}

export interface PackedFleetResult {
  kind: Uint8Array;
  since: Float64Array;
  deadline: Float64Array;
  /** Indices of the nodes whose state changed. */
  changed: Uint32Array;
}

/** Replays a chain given as typed-array columns. */
export function replayPacked(columns: PackedChain, options?: ReplayOptions): PackedReplayResult;
/** Reconciles a whole fleet given as typed-array columns at `now`; the arguments are not modified. */
export function reconcileFleet(fleet: PackedFleet, now: Millis, config?: Config): PackedFleetResult;

