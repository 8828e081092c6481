// The types of `mesh-maintenance/gate`: node snapshot views, the bytes an
// operator signs, signed commits and operator registries. The functions are
// wasm/js/gate.js's.
import type { Millis, State, AdmissionPolicy } from "./index.js";

export { MaintenanceInputError, isMaintenanceInputError } from "./index.js";

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

/** The exact bytes a node verifies an operator's Ed25519 signature over. */
export function adminSigningPayload(command: AdminCommand, issuedAt: Millis): Uint8Array;
/** Every check of a signed admin commit but the Ed25519 verification itself. */
export function prepareAdminCommit(
  commit: SignedAdminCommit, now: Millis, registry: OperatorRegistryInput, policy?: AdmissionPolicy,
): PreparedAdminCommit;
/** Checks an operator registry; returns how many operators it names. */
export function checkOperatorRegistry(registry: OperatorRegistryInput): number;
