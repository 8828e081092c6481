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
