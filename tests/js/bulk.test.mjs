// The bulk entry (`mesh-maintenance/bulk`): the bulk vectors, and
// randomized checks that the columnar paths agree with the object API case
// by case.
import { test } from "node:test";
import assert from "node:assert/strict";

import { esm as bulk, cjs } from "./package.mjs";
import { disagreements, deepEqual } from "./conformance.mjs";
import { runBulkVectors } from "./bulk-conformance.mjs";
import { loadVectors, loadNativeResults } from "./vectors.mjs";
import { random } from "./random.mjs";

for (const [name, api] of [["ESM", bulk], ["CJS", cjs]]) {
  test(`the bulk vectors (${name})`, () => {
    const native = loadNativeResults("native-bulk.json");
    const { count, failures, details } = runBulkVectors(api, loadVectors("bulk"));
    console.log(`node ${name}: ran ${count} bulk vectors`);
    assert.deepEqual(failures, []);
    assert.equal(count, Object.keys(native).length);
    assert.deepEqual(disagreements(details, native), []);
  });
}

const KINDS = ["Active", "EnteringMaintenance", "Maintenance", "ExitingMaintenance", "DrainFailed", "Recovery"];

/** The object form of a packed event, per the codes of PackedChain. */
function eventOf(code, param) {
  switch (code) {
    case 0: return Number.isNaN(param) ? { type: "EnterMaintenance" } : { type: "EnterMaintenance", drainForMs: param };
    case 1: return { type: "ExitMaintenance" };
    case 2: return { type: "ExitMaintenance", force: true };
    case 3: return { type: "Reconcile", conditions: { replicasDrained: !!(param & 1), daemonsStopped: !!(param & 2), daemonsHealthy: !!(param & 4) } };
    default: return { type: "TransitionObserved", state: stateOf(code - 8, param, NaN) };
  }
}

function stateOf(kind, since, deadline) {
  const name = KINDS[kind];
  if (kind === 0) return { kind: name };
  if (kind === 1) return { kind: name, since, deadline: Number.isNaN(deadline) ? null : deadline };
  if (kind === 4) return { kind: name, since, reason: "" };
  return { kind: name, since };
}

test("replayPacked agrees with replay on 3000 random chains", () => {
  const next = random(20261128);
  const pick = (n) => Math.floor(next() * n);
  for (let round = 0; round < 3000; round++) {
    const length = pick(40);
    const kind = new Uint8Array(length), at = new Float64Array(length), param = new Float64Array(length);
    let now = pick(1000);
    for (let i = 0; i < length; i++) {
      const code = [0, 1, 2, 3, 3, 3, 8 + pick(6)][pick(7)];
      now += pick(400_000);
      kind[i] = code;
      at[i] = now;
      param[i] = code === 0 ? (next() < 0.5 ? NaN : pick(700_000)) : code === 3 ? pick(8) : code >= 8 ? (code === 8 ? NaN : pick(now + 1)) : 0;
    }
    const packed = bulk.replayPacked({ kind, at, param });
    const entries = Array.from(kind, (code, i) => ({ at: at[i], event: eventOf(code, param[i]) }));
    const objects = bulk.replay(entries);
    assert.deepEqual(
      { state: packed.state, applied: packed.applied, unchanged: packed.unchanged, rejected: Array.from(packed.rejected) },
      { state: objects.state, applied: objects.applied, unchanged: objects.unchanged, rejected: objects.rejected.map((r) => r.index) },
      `round ${round}`,
    );
  }
});

test("reconcileFleet agrees with reconcile node by node on random fleets", () => {
  const next = random(7);
  const pick = (n) => Math.floor(next() * n);
  for (let round = 0; round < 50; round++) {
    const n = 1 + pick(500);
    const now = pick(2_000_000);
    const fleet = { kind: new Uint8Array(n), since: new Float64Array(n), deadline: new Float64Array(n), conditions: new Uint8Array(n) };
    for (let i = 0; i < n; i++) {
      const kind = pick(6);
      fleet.kind[i] = kind;
      fleet.since[i] = kind === 0 ? NaN : pick(now + 1000);
      fleet.deadline[i] = kind === 1 && next() < 0.7 ? pick(2 * now + 1) : NaN;
      fleet.conditions[i] = pick(8);
    }
    const result = bulk.reconcileFleet(fleet, now);
    const changed = [];
    for (let i = 0; i < n; i++) {
      const bits = fleet.conditions[i];
      const conditions = { replicasDrained: !!(bits & 1), daemonsStopped: !!(bits & 2), daemonsHealthy: !!(bits & 4) };
      const target = bulk.reconcile(stateOf(fleet.kind[i], fleet.since[i], fleet.deadline[i]), conditions, now);
      const expected = target ?? stateOf(fleet.kind[i], fleet.since[i], fleet.deadline[i]);
      const actual = stateOf(result.kind[i], result.since[i], result.deadline[i]);
      if (target) changed.push(i);
      // Packed states carry no DrainFailed reason.
      if (expected.kind === "DrainFailed") expected.reason = "";
      assert.ok(deepEqual(actual, expected), `round ${round} node ${i}: ${JSON.stringify(actual)} vs ${JSON.stringify(expected)}`);
    }
    assert.deepEqual(Array.from(result.changed), changed);
  }
});

test("columns must be typed arrays of the right kind, and are read through the intrinsics", () => {
  const ok = { kind: new Uint8Array([0]), at: new Float64Array([1]), param: new Float64Array([NaN]) };
  assert.equal(bulk.replayPacked(ok).applied, 1);
  const expectError = (columns, path) =>
    assert.throws(() => bulk.replayPacked(columns), (e) => e.name === "MaintenanceInputError" && e.path === path, path);
  expectError({ ...ok, kind: [0] }, "columns.kind");
  expectError({ ...ok, at: new Float32Array([1]) }, "columns.at");
  expectError({ ...ok, extra: 1 }, "columns.extra");
  expectError({ kind: ok.kind, at: ok.at }, "columns.param");
  // A subclass cannot substitute its own length or elements.
  class Liar extends Uint8Array {
    get length() { return 1e9; }
    subarray() { throw new Error("not used"); }
  }
  assert.equal(bulk.replayPacked({ ...ok, kind: Liar.from([0]) }).applied, 1);
  // A proxy around a typed array is no typed array.
  expectError({ ...ok, kind: new Proxy(new Uint8Array([0]), {}) }, "columns.kind");
});
