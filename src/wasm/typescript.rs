//! The TypeScript types of the API's values. Functions name them through
//! `unchecked_param_type` / `unchecked_return_type`, so the generated `.d.ts`
//! has no `any` in a public signature.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** Milliseconds: an integer in 0 ..= Number.MAX_SAFE_INTEGER, supplied by the caller. */
export type Millis = number;

/** A node's maintenance state, tagged by `kind`. */
export type State =
  | { kind: "Active" }
  | { kind: "EnteringMaintenance"; since: Millis; deadline?: Millis | null }
  | { kind: "Maintenance"; since: Millis }
  | { kind: "ExitingMaintenance"; since: Millis }
  | { kind: "DrainFailed"; since: Millis; reason: string }
  | { kind: "Recovery"; since: Millis };

export type StateKind = State["kind"];

/** What is observed about a node; an omitted flag is `false`. */
export interface Conditions {
  replicasDrained?: boolean;
  daemonsStopped?: boolean;
  daemonsHealthy?: boolean;
}

/** An operator action, an observed transition or a reconcile request, tagged by `type`. */
export type Event =
  | { type: "EnterMaintenance"; drainForMs?: Millis | null }
  | { type: "ExitMaintenance"; force?: boolean }
  | { type: "TransitionObserved"; state: State }
  | { type: "Reconcile"; conditions: Conditions };

/** `Event` under a name that does not shadow the DOM's `Event`. */
export type MaintenanceEvent = Event;

export type EventType = Event["type"];

/** Omitted fields take the nodes' defaults: 600000 and 300000. */
export interface Config {
  defaultDrainForMs?: Millis | null;
  recoveryRampWindowMs?: Millis;
}

export type Outcome = "applied" | "unchanged" | "rejected";
export type RejectCode = "INVALID_TRANSITION" | "FORCE_REQUIRED" | "INVALID_SUCCESSOR";

/** `to` equals `from` unless applied; `code` is present exactly when rejected. */
export type Verdict =
  | { outcome: "applied" | "unchanged"; from: State; to: State; message: string }
  | { outcome: "rejected"; from: State; to: State; code: RejectCode; message: string };

export interface ReplayEntry {
  at: Millis;
  event: Event;
}

export interface ReplayOptions {
  initial?: State;
  config?: Config;
}

export interface ReplayResult {
  state: State;
  applied: number;
  unchanged: number;
  rejected: { index: number; verdict: Verdict }[];
}

export interface MachineOptions {
  state?: State;
  config?: Config;
}

export interface AllowedActions {
  enterMaintenance: boolean;
  exitMaintenance: boolean;
  forceExit: boolean;
}

export type InputErrorCode =
  | "INVALID_STATE"
  | "INVALID_EVENT"
  | "INVALID_TIMESTAMP"
  | "INVALID_CONFIG"
  | "INVALID_INPUT";

/** What every function throws for malformed input. */
export interface MaintenanceInputError extends Error {
  name: "MaintenanceInputError";
  code: InputErrorCode;
  /** Where the offending value sits, e.g. `entries[3].event.type`. */
  path: string;
}
"#;

#[cfg(feature = "bulk")]
#[wasm_bindgen(typescript_custom_section)]
const BULK_TYPES: &'static str = r#"
/**
 * A chain as columns, one entry per index. `kind` is an event code:
 * 0 EnterMaintenance (param: drainForMs, NaN for the default), 1 ExitMaintenance,
 * 2 ExitMaintenance with force (param 0 or NaN for both), 3 Reconcile (param: bits
 * 1 replicasDrained, 2 daemonsStopped, 4 daemonsHealthy), 8 + k TransitionObserved of
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
 * 2 daemonsStopped, 4 daemonsHealthy. Packed states carry no DrainFailed reason.
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
"#;
