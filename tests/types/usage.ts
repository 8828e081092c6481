// Compiled with `tsc --noEmit` by the test command: correct use type-checks,
// and each `@ts-expect-error` line must be an error, or tsc fails. This file
// is an ES module (resolved through the `import` types); usage.cts is the
// same for CommonJS `require` users (the `.d.cts` types).
import {
  Machine,
  isValidSuccessor,
  transition,
  reconcile,
  replay,
  since,
  rank,
  type State,
  type Event,
  type Verdict,
  type Config,
  type Conditions,
  type ReplayResult,
  type AllowedActions,
  MaintenanceInputError,
  isMaintenanceInputError,
} from "mesh-maintenance";
import { replayPacked, reconcileFleet, type PackedReplayResult, type PackedFleetResult } from "mesh-maintenance/bulk";
import {
  fromView, toView, adminSigningPayload, verifyAdminCommit, checkOperatorRegistry,
  transition as fullTransition, type SdkView, type CommitVerdict, type SignedAdminCommit,
} from "mesh-maintenance/full";
import { prepareAdminCommit, type PreparedAdminCommit } from "mesh-maintenance/gate";
import { init, Machine as SlimMachine } from "mesh-maintenance/slim";
import { init as initFull, verifyAdminCommit as slimVerify } from "mesh-maintenance/full/slim";
import { init as initInline, transition as inlineTransition } from "mesh-maintenance/inline";
import { init as initFullInline, toView as inlineToView } from "mesh-maintenance/full/inline";
// @ts-expect-error the default entry is the rules alone: views come from /full or /gate
import { fromView as noView } from "mesh-maintenance";
// @ts-expect-error the default entry has no signing payload either
import { adminSigningPayload as noPayload } from "mesh-maintenance";

const active: State = { kind: "Active" };
const entering: State = { kind: "EnteringMaintenance", since: 1, deadline: null };
const config: Config = { defaultDrainForMs: null, recoveryRampWindowMs: 1000 };
const conditions: Conditions = { replicasDrained: true };
const enter: Event = { type: "EnterMaintenance", drainForMs: 5000 };

const ok: boolean = isValidSuccessor(active, entering);
const verdict: Verdict = transition(active, enter, 1000);
const withConfig: Verdict = transition(active, enter, 1000, config);
const target: State | null = reconcile(entering, conditions, 2000);
const replayed: ReplayResult = replay([{ at: 1, event: enter }], { initial: active, config });
const when: number | null = since(entering);
const level: number = rank(entering);

// The verdict is a discriminated union: `code` exists only when rejected.
if (verdict.outcome === "rejected") {
  const code: "INVALID_TRANSITION" | "FORCE_REQUIRED" | "INVALID_SUCCESSOR" = verdict.code;
  void code;
}

const machine = new Machine({ state: entering, config });
const buttons: AllowedActions = machine.allowedActions(3000);
const current: State = machine.state;
machine.check({ type: "ExitMaintenance", force: true }, 3000);
machine.apply({ type: "Reconcile", conditions: { daemonsStopped: true } }, 3000);
machine.free();

try {
  transition(active, enter, -1);
} catch (error) {
  // The class narrows with instanceof, the guard as a type predicate.
  if (error instanceof MaintenanceInputError) {
    const code: "INVALID_STATE" | "INVALID_EVENT" | "INVALID_TIMESTAMP" | "INVALID_CONFIG" | "INVALID_INPUT" = error.code;
    const path: string = error.path;
    void [code, path];
  }
  if (isMaintenanceInputError(error)) {
    const name: "MaintenanceInputError" = error.name;
    void name;
  }
  // @ts-expect-error unnarrowed, a caught value has no `code`
  void error.code;
}

// The full entry: the rules and the gate, typed as the gate's declarations say.
const sdk: SdkView = toView(entering, 2000, "sdk");
const sinceMs: bigint = sdk.kind === "EnteringMaintenance" ? sdk.sinceMs : 0n;
const back: State = fromView(sdk, 2000, "sdk");
const fromSnapshot: State = fromView({ Maintenance: { since_ms: 5 } }, 2000, "snapshot");
const payload: Uint8Array = adminSigningPayload({ type: "EnterMaintenance", node: "42", drainForMs: 600_000 }, 1000);
const commit: SignedAdminCommit = { command: { type: "ExitMaintenance", node: 42n }, issuedAt: 1000, signature: { operatorId: "1", signature: "00" } };
const verdictPromise: Promise<CommitVerdict> = verifyAdminCommit(commit, 1000, { 1: "00".repeat(32) });
const prepared: PreparedAdminCommit = prepareAdminCommit(commit, 1000, {});
const operators: number = checkOperatorRegistry({});
const fullVerdict: Verdict = fullTransition(active, enter, 1000);
// @ts-expect-error a dialect the views do not have
toView(entering, 2000, "json");
// @ts-expect-error a node id is a bigint or a decimal string, never a lossy number
adminSigningPayload({ type: "ExitMaintenance", node: 42 }, 1000);
// @ts-expect-error no `force` in a signed command: the nodes' command has none
adminSigningPayload({ type: "ExitMaintenance", node: "42", force: true }, 1000);

// The explicit-init entries: `init` first, then the same API.
await init();
await init(new URL("https://cdn.example/rules.wasm"));
await init(new Uint8Array(8));
await initFull(fetch("https://cdn.example/full.wasm"));
const slimMachine = new SlimMachine();
const slimCheck: Promise<CommitVerdict> = slimVerify(commit, 1000, {});
await initInline();
await initFullInline();
// @ts-expect-error the inline entries embed their module: init takes no source
await initInline("rules.wasm");
const inlineVerdict: Verdict = inlineTransition(active, enter, 1000);
const inlineView: SdkView = inlineToView(active, 1000, "sdk");
void [sinceMs, back, fromSnapshot, payload, verdictPromise, prepared, operators, fullVerdict, slimMachine, slimCheck, inlineVerdict, inlineView];
void [noView, noPayload];

const packed: PackedReplayResult = replayPacked({ kind: new Uint8Array(1), at: new Float64Array(1), param: new Float64Array(1) });
const rejectedIndices: Uint32Array = packed.rejected;
const fleet: PackedFleetResult = reconcileFleet(
  { kind: new Uint8Array(1), since: new Float64Array(1), deadline: new Float64Array(1), conditions: new Uint8Array(1) },
  1000,
);
// @ts-expect-error columns are typed arrays, not plain arrays
replayPacked({ kind: [0], at: [1], param: [0] });
void [rejectedIndices, fleet];

// @ts-expect-error a misspelt kind
const misspeltKind: State = { kind: "Maintanance", since: 1 };
// @ts-expect-error a misspelt event type
const misspeltType: Event = { type: "EnterMaintanance" };
// @ts-expect-error `now` is required
transition(active, enter);
// @ts-expect-error `now` is a number, not a string
transition(active, enter, "1000");
// @ts-expect-error `drainForMs` is a number
const wrongField: Event = { type: "EnterMaintenance", drainForMs: "10m" };
// @ts-expect-error the typo `drainForMS` is not a field
const typo: Event = { type: "EnterMaintenance", drainForMS: 5 };
// @ts-expect-error `since` is required on Maintenance
const missingSince: State = { kind: "Maintenance" };
// @ts-expect-error `reason` is a string
const wrongReason: State = { kind: "DrainFailed", since: 1, reason: 42 };
// @ts-expect-error `code` is only on rejected verdicts
verdict.code;
// @ts-expect-error the machine's state is read-only
machine.state = active;

void [ok, withConfig, target, replayed, when, level, buttons, current];
void [misspeltKind, misspeltType, wrongField, typo, missingSince, wrongReason];
