// Hostile input against every export of the package (fast-check): each call
// returns or throws a MaintenanceInputError (a getter's own exception may
// propagate), never traps (WebAssembly.RuntimeError), finishes in bounded
// time and leaves its arguments as they were; afterwards the module still
// answers every conformance vector. HOSTILE_RUNS sets the number of generated
// calls per property (the test command uses a short run; TESTING.md records a
// long one).
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";

import * as api from "mesh-maintenance/bulk";
import { runVectors } from "./conformance.mjs";
import { loadVectors } from "./vectors.mjs";

const RUNS = Number(process.env.HOSTILE_RUNS ?? 2_000);
const SEED = Number(process.env.HOSTILE_SEED ?? 20261128);
let calls = 0;

/** Thrown by the getters of crafted objects, to tell it from the module's errors. */
class GetterError extends Error {}

/** Marks crafted objects whose getters answer differently each time. */
const UNSTABLE = Symbol("unstable");

const valid = {
  state: [{ kind: "Active" }, { kind: "EnteringMaintenance", since: 1, deadline: 5 }, { kind: "DrainFailed", since: 1, reason: "r" }],
  event: [{ type: "EnterMaintenance", drainForMs: 5 }, { type: "ExitMaintenance", force: true }, { type: "Reconcile", conditions: {} }],
};

/**
 * Values that aim at the decoders' edges rather than at random. They are
 * built inside the property, from an index: fast-check itself must not touch
 * a throwing proxy.
 */
const FACTORIES = [
  () => null,
  () => undefined,
  () => NaN,
  () => -0,
  () => Infinity,
  () => 2 ** 53,
  () => Number.MAX_SAFE_INTEGER,
  () => 10n,
  () => Symbol("s"),
  () => () => 1,
  () => [],
  () => [valid.state[0]],
  () => TEN_MB,
  () => ({ kind: TEN_MB }),
  () => JSON.parse('{"__proto__": {"kind": "Active"}, "kind": "Active"}'),
  () => JSON.parse('{"constructor": 1, "kind": "Active"}'),
  () => Object.freeze({ kind: "Maintenance", since: 3 }),
  () => Object.create({ kind: "Active" }),
  () => Object.assign(Object.create(null), { kind: "Recovery", since: 2 }),
  () => new Proxy({}, { get() { throw new GetterError("get"); } }),
  () => new Proxy({ kind: "Active" }, { ownKeys() { throw new GetterError("ownKeys"); } }),
  () => new Proxy({}, { has() { throw new GetterError("has"); }, getPrototypeOf() { throw new GetterError("proto"); } }),
  () => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy; },
  () => ({ get kind() { throw new GetterError("kind"); } }),
  () => ({ get type() { return Math.random() < 0.5 ? "EnterMaintenance" : "ExitMaintenance"; }, [UNSTABLE]: true }),
  () => new Date(0),
  () => new Map([["kind", "Active"]]),
  () => new Uint8Array(3),
  () => ({ kind: new Uint8Array(2), at: new Float64Array(3), param: new Float64Array(1) }),
  () => ({ kind: new Uint8Array(1), since: new Float64Array(1), deadline: new Float64Array(1), conditions: new Uint8Array(1) }),
  () => DEEP,
  () => MANY_ENTRIES,
];
const TEN_MB = "x".repeat(10_000_000);
const MANY_ENTRIES = Array.from({ length: 2000 }, () => ({ at: 1, event: { type: "Reconcile", conditions: {} } }));

class Crafted {
  constructor(index) {
    this.index = index;
  }
}
const crafted = fc.integer({ min: 0, max: FACTORIES.length - 1 }).map((index) => new Crafted(index));
const materialize = (value) => (value instanceof Crafted ? FACTORIES[value.index]() : value);

function deep(depth) {
  let value = { kind: "Active" };
  for (let i = 0; i < depth; i++) value = { type: "TransitionObserved", state: value };
  return value;
}
const DEEP = deep(10_000);

/** Near-valid values: a valid state or event with one field replaced. */
const mutated = fc
  .tuple(fc.constantFrom(...valid.state, ...valid.event), fc.string({ maxLength: 12 }), fc.anything({ withBigInt: true }))
  .map(([base, key, value]) => ({ ...base, [key]: value }));

const hostile = fc.oneof(
  { weight: 3, arbitrary: fc.anything({ withBigInt: true, withBoxedValues: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true, withSparseArray: true }) },
  { weight: 2, arbitrary: crafted },
  { weight: 3, arbitrary: mutated },
  { weight: 1, arbitrary: fc.constantFrom(...valid.state, ...valid.event) },
);

/** A fingerprint of a value's data, or null where none can be taken. */
function fingerprint(value) {
  try {
    if (typeof value === "object" && value !== null && Object.hasOwn(value, UNSTABLE)) return null;
    return fc.stringify(value);
  } catch {
    return null;
  }
}

function callSafely(name, fn, args) {
  const before = args.map(fingerprint);
  const started = performance.now();
  calls += 1;
  try {
    fn(...args);
  } catch (error) {
    assert.ok(!(error instanceof WebAssembly.RuntimeError), `${name} trapped: ${error}`);
    assert.ok(error instanceof GetterError || error?.name === "MaintenanceInputError", `${name} threw ${error?.name}: ${error?.message}`);
    if (error?.name === "MaintenanceInputError") {
      assert.equal(typeof error.code, "string");
      assert.ok(error.message.startsWith(`${error.path}: `), error.message);
    }
  }
  const elapsed = performance.now() - started;
  assert.ok(elapsed < 2000, `${name} took ${elapsed} ms`);
  args.forEach((arg, i) => {
    if (before[i] !== null) assert.equal(fingerprint(arg), before[i], `${name} modified argument ${i}`);
  });
}

const machine = new api.Machine({ state: { kind: "Maintenance", since: 1 } });
const exports = {
  transition: (a, b, c, d) => api.transition(a, b, c, d),
  reconcile: (a, b, c, d) => api.reconcile(a, b, c, d),
  isValidSuccessor: (a, b) => api.isValidSuccessor(a, b),
  replay: (a, b) => api.replay(a, b),
  isNonActive: (a) => api.isNonActive(a),
  isSteadyMaintenance: (a) => api.isSteadyMaintenance(a),
  since: (a) => api.since(a),
  rank: (a) => api.rank(a),
  Machine: (a) => new api.Machine(a).free(),
  "Machine.check": (a, b) => machine.check(a, b),
  "Machine.apply": (a, b) => machine.apply(a, b),
  "Machine.allowedActions": (a) => machine.allowedActions(a),
  replayPacked: (a, b) => api.replayPacked(a, b),
  reconcileFleet: (a, b, c) => api.reconcileFleet(a, b, c),
};

for (const [name, fn] of Object.entries(exports)) {
  test(`${name} survives hostile arguments`, () => {
    fc.assert(
      fc.property(fc.array(hostile, { maxLength: fn.length }), fc.integer({ min: 0, max: 3 }), (generated, pad) => {
        const args = generated.map(materialize);
        // Sometimes a valid value in one position, hostile in the others.
        if (pad < args.length) args[pad] = pad % 2 ? valid.event[pad % 3] : valid.state[pad % 3];
        callSafely(name, fn, args);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
}

test("packed columns of mismatched lengths and types are refused, never trapped", () => {
  const typed = fc.constantFrom(Uint8Array, Float64Array, Float32Array, Int8Array, Uint32Array);
  fc.assert(
    fc.property(typed, typed, typed, fc.nat(50), fc.nat(50), fc.nat(50), (K, A, P, k, a, p) => {
      callSafely("replayPacked", api.replayPacked, [{ kind: new K(k), at: new A(a), param: new P(p) }]);
      callSafely("reconcileFleet", api.reconcileFleet, [{ kind: new K(k), since: new A(a), deadline: new P(p), conditions: new K(a) }, 5]);
    }),
    { numRuns: Math.max(100, RUNS / 10), seed: SEED },
  );
});

test("a 10M-entry packed replay finishes, and the module then answers every vector", () => {
  const n = 10_000_000;
  const result = api.replayPacked({ kind: new Uint8Array(n).fill(3), at: new Float64Array(n), param: new Float64Array(n) });
  assert.equal(result.unchanged, n);
  const { failures, count } = runVectors(api, loadVectors());
  assert.deepEqual(failures, []);
  console.log(`hostile: ${calls} calls, then all ${count} conformance vectors still pass`);
});
