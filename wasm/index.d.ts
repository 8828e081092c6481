// The package's types, written by hand and checked by tests/types/ (tsc,
// with @ts-expect-error lines) and tests/js/package.test.mjs (no untyped
// public signature). The functions are wasm/js/api.js's.
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

/** A node id: a u64 as a bigint or a decimal string (never a lossy number). */
export type NodeId = bigint | string;

/** An operator command addressed to a node: what an operator signs. */
export type AdminCommand =
  | { type: "EnterMaintenance"; node: NodeId; drainForMs?: Millis | null }
  | { type: "ExitMaintenance"; node: NodeId };

/** Bytes: a `Uint8Array`, or a string in hex or base64url. */
export type Bytes = Uint8Array | string;

/** A command, when its envelope was issued, and one operator's signature over them. */
export interface SignedAdminCommit {
  command: AdminCommand;
  issuedAt: Millis;
  signature: { operatorId: NodeId; signature: Bytes };
}

/** Operator ids (u64 decimal strings) to raw 32-byte Ed25519 public keys in hex or base64url. */
export type OperatorRegistryInput = Record<string, string>;

/** Whether a node would accept a signed commit, before the rules (freshness, registry, signature). */
export type CommitVerdict =
  | { outcome: "verified"; stage: "signature"; operatorId: string; message: string }
  | {
      outcome: "rejected"; stage: "freshness"; code: "ENVELOPE_FROM_FUTURE" | "ENVELOPE_EXPIRED";
      operatorId: string; message: string;
    }
  | { outcome: "rejected"; stage: "registry"; code: "NOT_AUTHORIZED"; operatorId: string; message: string }
  | { outcome: "rejected"; stage: "signature"; code: "INVALID_SIGNATURE"; operatorId: string; message: string };

/** What `prepareAdminCommit` leaves to the caller's Ed25519 verification. */
export type PreparedAdminCommit =
  | { verdict: CommitVerdict }
  | {
      publicKey: Uint8Array; payload: Uint8Array; signature: Uint8Array;
      valid: CommitVerdict; invalid: CommitVerdict;
    };

/**
 * Checks a signed admin commit as a node does: the envelope's freshness, the
 * operator's registration, then the Ed25519 signature over
 * `adminSigningPayload(command, issuedAt)` (WebCrypto). Rejects with a
 * `MaintenanceInputError` for malformed input.
 */
export function verifyAdminCommit(
  commit: SignedAdminCommit, now: Millis, registry: OperatorRegistryInput, policy?: AdmissionPolicy,
): Promise<CommitVerdict>;

/** The dialects of a node's relative-time view of its state. */
export type Dialect = "sdk" | "ffi" | "snapshot";

/** The TypeScript SDK's view (`toView` returns bigints; `fromView` also takes safe-integer numbers). */
export type SdkView<T extends bigint | number = bigint> =
  | { kind: "Active" }
  | { kind: "EnteringMaintenance"; sinceMs: T; deadlineRemainingMs: T | null }
  | { kind: "Maintenance"; sinceMs: T }
  | { kind: "ExitingMaintenance"; sinceMs: T }
  | { kind: "DrainFailed"; sinceMs: T; reason: string }
  | { kind: "Recovery"; sinceMs: T };

/** An SDK view as `fromView` reads it: a missing `deadlineRemainingMs` is `null`. */
export type SdkViewInput =
  | Exclude<SdkView<bigint | number>, { kind: "EnteringMaintenance" }>
  | { kind: "EnteringMaintenance"; sinceMs: bigint | number; deadlineRemainingMs?: bigint | number | null };

/** The C ABI's JSON for Go: snake_case kinds and fields, every field written. */
export type FfiView =
  | { kind: "active" }
  | { kind: "entering_maintenance"; since_ms: Millis; deadline_remaining_ms: Millis | null }
  | { kind: "maintenance"; since_ms: Millis }
  | { kind: "exiting_maintenance"; since_ms: Millis }
  | { kind: "drain_failed"; since_ms: Millis; reason: string }
  | { kind: "recovery"; since_ms: Millis };

/** An FFI view as Go writes it: `omitempty` drops zeros (`since_ms` 0, a nil deadline, an empty reason). */
export type FfiViewInput =
  | { kind: "active" }
  | { kind: "entering_maintenance"; since_ms?: Millis; deadline_remaining_ms?: Millis | null }
  | { kind: "maintenance" | "exiting_maintenance" | "recovery"; since_ms?: Millis }
  | { kind: "drain_failed"; since_ms?: Millis; reason?: string };

/** The nodes' own serde JSON (`MaintenanceStateSnapshot`), externally tagged. */
export type SnapshotView =
  | "Active"
  | { EnteringMaintenance: { since_ms: Millis; deadline_remaining_ms: Millis | null } }
  | { Maintenance: { since_ms: Millis } }
  | { ExitingMaintenance: { since_ms: Millis } }
  | { DrainFailed: { since_ms: Millis; reason: string } }
  | { Recovery: { since_ms: Millis } };

/** A snapshot view as serde reads it: a missing `deadline_remaining_ms` is `null`. */
export type SnapshotViewInput =
  | Exclude<SnapshotView, { EnteringMaintenance: unknown }>
  | { EnteringMaintenance: { since_ms: Millis; deadline_remaining_ms?: Millis | null } };

/**
 * The absolute state a node's view taken at `observedAt` describes:
 * `since = observedAt - sinceMs`, `deadline = observedAt + deadlineRemainingMs`, saturating.
 */
export function fromView(view: SdkViewInput, observedAt: Millis, dialect: "sdk"): State;
export function fromView(view: FfiViewInput, observedAt: Millis, dialect: "ffi"): State;
export function fromView(view: SnapshotViewInput, observedAt: Millis, dialect: "snapshot"): State;

/** `state` as a node would report it at `now`: `sinceMs = now - since`, `deadlineRemainingMs = deadline - now`, saturating at 0. */
export function toView(state: State, now: Millis, dialect: "sdk"): SdkView;
export function toView(state: State, now: Millis, dialect: "ffi"): FfiView;
export function toView(state: State, now: Millis, dialect: "snapshot"): SnapshotView;

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
/** The exact bytes a node verifies an operator's Ed25519 signature over. */
export function adminSigningPayload(command: AdminCommand, issuedAt: Millis): Uint8Array;
/** Every check of a signed admin commit but the Ed25519 verification itself. */
export function prepareAdminCommit(
  commit: SignedAdminCommit, now: Millis, registry: OperatorRegistryInput, policy?: AdmissionPolicy,
): PreparedAdminCommit;
/** Checks an operator registry; returns how many operators it names. */
export function checkOperatorRegistry(registry: OperatorRegistryInput): number;
/** Replays a chain given as typed-array columns. */
export function replayPacked(columns: PackedChain, options?: ReplayOptions): PackedReplayResult;
/** Reconciles a whole fleet given as typed-array columns at `now`; the arguments are not modified. */
export function reconcileFleet(fleet: PackedFleet, now: Millis, config?: Config): PackedFleetResult;

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

/** For the package's own tests: how many calls took the slow path, and the module's memory in bytes. */
export const __internal: { slowCalls(): number; memoryBytes(): number };
