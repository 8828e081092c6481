// The types of `mesh-maintenance` (the rules), written by hand and checked
// by tests/types/ (tsc, with @ts-expect-error lines) and
// tests/js/package.test.mjs (no untyped public signature). The functions
// are wasm/js/rules.js's; gate.d.ts and bulk.d.ts declare the other entries.
/// <reference lib="esnext.disposable" />

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
  /** A cluster freeze is in effect: reconcile moves no node. */
  clusterFrozen?: boolean;
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

/**
 * Which reading of the operator commands to apply: `"strict"` (the documented
 * design, the default) or `"node"` (what net-mesh nodes do today).
 */
export type Profile = "strict" | "node";

/**
 * Omitted fields take the profile's defaults: `defaultDrainForMs` 600000 under
 * `"strict"` and `null` under `"node"`; `recoveryRampWindowMs` 300000.
 */
export interface Config {
  profile?: Profile;
  defaultDrainForMs?: Millis | null;
  recoveryRampWindowMs?: Millis;
}

export type Outcome = "applied" | "unchanged" | "rejected";
/** Why the rules refuse an event (`transition`, `replay`, `Machine`). */
export type RuleRejectCode = "INVALID_TRANSITION" | "FORCE_REQUIRED" | "INVALID_SUCCESSOR";
/** Why a node drops an operator command before the rules (`admit`). */
export type AdmissionRejectCode = "FREEZE_IN_EFFECT" | "ENVELOPE_FROM_FUTURE" | "ENVELOPE_EXPIRED";
export type RejectCode = RuleRejectCode | AdmissionRejectCode;

/** `to` equals `from` unless applied; `code` is present exactly when rejected. */
export type Verdict =
  | { outcome: "applied" | "unchanged"; from: State; to: State; message: string }
  | { outcome: "rejected"; from: State; to: State; code: RuleRejectCode; message: string };

/** The operator actions: the only events `admit` takes. */
export type OperatorEvent = Extract<Event, { type: "EnterMaintenance" | "ExitMaintenance" }>;

/** An operator command as a node receives it. */
export interface AdmissionRequest {
  state: State;
  event: OperatorEvent;
  /** The end of a declared cluster freeze; `null` or omitted: none. */
  frozenUntil?: Millis | null;
  /** When a signed commit's envelope was issued; omitted for an unsigned command. */
  issuedAt?: Millis;
  config?: Config;
}

/** How fresh a signed envelope must be; the nodes' values by default. */
export interface AdmissionPolicy {
  /** Default 300000: an envelope exactly this old is still fresh. */
  freshnessWindowMs?: Millis;
  /** Default 30000: an envelope exactly this far ahead is still accepted. */
  futureSkewMs?: Millis;
}

export type AdmissionStage = "freeze" | "freshness" | "rules";

/** A verdict and the check that decided it, in the nodes' order. */
export type Admission =
  | { outcome: "applied" | "unchanged"; from: State; to: State; message: string; stage: "rules" }
  | { outcome: "rejected"; from: State; to: State; code: "FREEZE_IN_EFFECT"; message: string; stage: "freeze" }
  | {
      outcome: "rejected"; from: State; to: State;
      code: "ENVELOPE_FROM_FUTURE" | "ENVELOPE_EXPIRED"; message: string; stage: "freshness";
    }
  | { outcome: "rejected"; from: State; to: State; code: RuleRejectCode; message: string; stage: "rules" };

export interface AllowedActionsOptions {
  /** The end of a declared cluster freeze: every action is off until then. */
  frozenUntil?: Millis | null;
}

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

/** Whether `to` may follow `from`: the same kind, or one of the eight arcs. */
export function isValidSuccessor(from: State, to: State): boolean;
/** What `event` does to `state` at `now`; pure. */
export function transition(state: State, event: Event, now: Millis, config?: Config): Verdict;
/** The state reconcile moves `state` to, or `null`. */
export function reconcile(state: State, conditions: Conditions, now: Millis, config?: Config): State | null;
/** Folds `transition` over `entries`; a malformed entry throws. */
export function replay(entries: ReplayEntry[], options?: ReplayOptions): ReplayResult;
export function isNonActive(state: State): boolean;
export function isSteadyMaintenance(state: State): boolean;
/** When the node entered its state; `null` for `Active`. */
export function since(state: State): Millis | null;
export function rank(state: State): number;
/** Whether a node would fold an operator command at `now`: the freeze, then the envelope's freshness, then the rules. */
export function admit(request: AdmissionRequest, now: Millis, policy?: AdmissionPolicy): Admission;
/** Holds one node's state; every method asks the module. */
export class Machine {
  constructor(options?: MachineOptions);
  readonly state: State;
  /** What `apply` would do; changes nothing. */
  check(event: Event, now: Millis): Verdict;
  /** Applies `event`; the state changes only when the verdict is `applied`. */
  apply(event: Event, now: Millis): Verdict;
  /** Which operator buttons a console should enable at `now`; none while a freeze holds. */
  allowedActions(now: Millis, options?: AllowedActionsOptions): AllowedActions;
  toJSON(): State;
  /** Nothing to release (kept for code written against earlier versions). */
  free(): void;
  [Symbol.dispose](): void;
}

/**
 * For the package's own tests: how many calls took the slow path, the module's memory in bytes, and
 * its exports (typed without the DOM's `WebAssembly`, so a Node project without `lib: ["dom"]` type-checks).
 */
export const __internal: { slowCalls(): number; memoryBytes(): number; exports(): Record<string, unknown> };

/** What every function of every entry throws for malformed input. */
export class MaintenanceInputError extends Error {
  constructor(code: InputErrorCode, path: string, message: string);
  readonly name: "MaintenanceInputError";
  readonly code: InputErrorCode;
  /** Where the offending value sits, e.g. `entries[3].event.type`. */
  readonly path: string;
}

/** Whether `value` is a MaintenanceInputError (from whichever entry, ES module or CommonJS, threw it). */
export function isMaintenanceInputError(value: unknown): value is MaintenanceInputError;
