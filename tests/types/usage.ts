// Compiled with `tsc --noEmit` by the test command: correct use type-checks,
// and each `@ts-expect-error` line must be an error, or tsc fails.
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
  type MaintenanceInputError,
} from "mesh-maintenance";
import { replayPacked, reconcileFleet, type PackedReplayResult, type PackedFleetResult } from "mesh-maintenance/bulk";

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
  const input = error as MaintenanceInputError;
  const code: "INVALID_STATE" | "INVALID_EVENT" | "INVALID_TIMESTAMP" | "INVALID_CONFIG" | "INVALID_INPUT" = input.code;
  void code;
}

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
