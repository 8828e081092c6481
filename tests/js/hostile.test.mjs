// Hostile input against every export of the package (fast-check): each call
// returns or throws a MaintenanceInputError (a getter's own exception may
// propagate), never traps (WebAssembly.RuntimeError), finishes in bounded
// time and leaves its arguments as they were; afterwards the module still
// answers every conformance vector. HOSTILE_RUNS sets the number of generated
// calls per property (the test command uses a short run; TESTING.md records a
// long one).
//
// Every MaintenanceInputError names a path under one of the function's
// parameters; where one argument alone is hostile (the targeted properties
// below), under that argument's. The targeted properties aim at the
// admission, view and signing API and at the options added with it
// (`config.profile`, `conditions.clusterFrozen`, `allowedActions`'
// `frozenUntil`, condition bit 8 of the packed entry): each takes valid
// arguments and makes one of them hostile, whole or at one field, with
// bigints of every size, -0, NaN, throwing and revoked proxies, huge strings,
// odd byte arrays and getters that call back into the module. The number of
// hostile calls per function is printed at the end.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";

import { esm as api } from "./package.mjs";
import { runVectors, hex } from "./conformance.mjs";
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

/** Whether an UNSTABLE object sits in `value` (a targeted change may nest one). */
function containsUnstable(value, depth = 0) {
  if (typeof value !== "object" || value === null || ArrayBuffer.isView(value) || depth > 8) return false;
  if (Object.hasOwn(value, UNSTABLE)) return true;
  return Object.values(value).some((v) => containsUnstable(v, depth + 1));
}

/**
 * `value` with long strings and byte arrays replaced by a digest, so a
 * fingerprint of a 10 MB string or a 1 MB array stays cheap (plain objects and
 * arrays copied, anything else left for fc.stringify).
 */
function slim(value, depth = 0) {
  if (typeof value === "string" && value.length > 1000) return `<${value.length} chars ${value.slice(0, 20)}…${value.slice(-20)}>`;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView) && value.length > 1000) {
    let sum = 0;
    for (let i = 0; i < value.length; i++) sum = (sum * 31 + Number(value[i])) % 1_000_000_007;
    return `<${value.constructor.name} of ${value.length}, ${sum}>`;
  }
  if (depth > 100 || typeof value !== "object" || value === null) return value;
  if (Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype) return value.map((v) => slim(v, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  const out = proto === null ? Object.create(null) : {};
  for (const key of Reflect.ownKeys(value)) {
    const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
    if (descriptor?.enumerable) out[key] = slim(value[key], depth + 1);
  }
  return out;
}

/** A fingerprint of a value's data, or null where none can be taken. */
function fingerprint(value) {
  try {
    if (containsUnstable(value)) return null;
    return fc.stringify(slim(value));
  } catch {
    return null;
  }
}

/** Each function's parameters, as the paths of its errors begin. */
const PARAMS = {
  transition: ["state", "event", "now", "config"],
  reconcile: ["state", "conditions", "now", "config"],
  isValidSuccessor: ["from", "to"],
  replay: ["entries", "options"],
  isNonActive: ["state"],
  isSteadyMaintenance: ["state"],
  since: ["state"],
  rank: ["state"],
  Machine: ["options"],
  "Machine.check": ["event", "now"],
  "Machine.apply": ["event", "now"],
  "Machine.allowedActions": ["now", "options"],
  replayPacked: ["columns", "options"],
  reconcileFleet: ["columns", "now", "config"],
  admit: ["request", "now", "policy"],
  fromView: ["view", "observedAt", "dialect"],
  toView: ["state", "now", "dialect"],
  adminSigningPayload: ["command", "issuedAt"],
  prepareAdminCommit: ["commit", "now", "registry", "policy"],
  checkOperatorRegistry: ["registry"],
  verifyAdminCommit: ["commit", "now", "registry", "policy"],
};
const CODES = new Set(["INVALID_STATE", "INVALID_EVENT", "INVALID_TIMESTAMP", "INVALID_CONFIG", "INVALID_INPUT"]);

/** Hostile calls per function. */
const counts = {};

/** The parameter an error's path begins with (`registry["7"]` → `registry`). */
const rootOf = (path) => /^[A-Za-z]+/.exec(path)?.[0];

/**
 * A thrown value is a well-formed MaintenanceInputError under the function's
 * parameters (under `culprit`'s when one argument alone is hostile), or, where
 * `getterErrors` allows it, a crafted getter's own exception.
 */
function checkThrown(name, error, culprit, getterErrors = true) {
  assert.ok(!(error instanceof WebAssembly.RuntimeError), `${name} trapped: ${error}`);
  if (getterErrors && error instanceof GetterError) return;
  assert.equal(error?.name, "MaintenanceInputError", `${name} threw ${error?.constructor?.name} ${error?.name}: ${error?.message}`);
  assert.ok(CODES.has(error.code), `${name}: code ${error.code}`);
  assert.equal(typeof error.path, "string");
  assert.ok(error.message.startsWith(`${error.path}: `), error.message);
  const root = rootOf(error.path);
  assert.ok(PARAMS[name].includes(root), `${name}: path ${error.path} names no parameter of ${PARAMS[name]}`);
  // A hostile `dialect` may name a valid dialect that the view is not in.
  const allowed = culprit === undefined ? undefined : name === "fromView" && culprit === 2 ? ["dialect", "view"] : [PARAMS[name][culprit]];
  if (allowed) assert.ok(allowed.includes(root), `${name}: argument ${culprit} was the hostile one, the error says ${error.message}`);
}

/**
 * Calls `fn(...args)`: it returns (a result `check` accepts, when given) or
 * throws as `checkThrown` allows, in bounded time, leaving its arguments as
 * they were. Returns the result, or undefined if it threw.
 */
function callSafely(name, fn, args, { culprit, check, getterErrors = true } = {}) {
  const before = args.map(fingerprint);
  const started = performance.now();
  calls += 1;
  counts[name] = (counts[name] ?? 0) + 1;
  let result;
  try {
    result = fn(...args);
    if (check) check(result, args);
  } catch (error) {
    if (error instanceof assert.AssertionError) throw error;
    checkThrown(name, error, culprit, getterErrors);
    result = undefined;
  }
  const elapsed = performance.now() - started;
  assert.ok(elapsed < 2000, `${name} took ${elapsed} ms`);
  args.forEach((arg, i) => {
    if (before[i] !== null) assert.equal(fingerprint(arg), before[i], `${name} modified argument ${i}`);
  });
  return result;
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
  admit: (a, b, c) => api.admit(a, b, c),
  fromView: (a, b, c) => api.fromView(a, b, c),
  toView: (a, b, c) => api.toView(a, b, c),
  adminSigningPayload: (a, b) => api.adminSigningPayload(a, b),
  prepareAdminCommit: (a, b, c, d) => api.prepareAdminCommit(a, b, c, d),
  checkOperatorRegistry: (a) => api.checkOperatorRegistry(a),
};
// `allowedActions` takes options now: both its arguments hostile.
exports["Machine.allowedActions"] = (a, b) => machine.allowedActions(a, b);

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

// ---------------------------------------------------------------------------
// Targeted: valid arguments, one of them made hostile, whole or at one field.

const KINDS = new Set(["Active", "EnteringMaintenance", "Maintenance", "ExitingMaintenance", "DrainFailed", "Recovery"]);
const DOMAIN = hex(new TextEncoder().encode("net.meshos.admin.v1\0"));
const KEY = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
const KEY_B64 = "PUAXw-hDiVqStwqnTRt-vJyYLM8uxJaMwM1V8Sr0Zgw";
const SIGNATURE = "ab".repeat(64);

/** A getter that calls back into the module checks the answers it gets. */
const reentryFailures = [];
let reentries = 0;
function reenter() {
  reentries += 1;
  try {
    const verdict = api.transition({ kind: "Active" }, { type: "EnterMaintenance", drainForMs: 1 }, 1);
    if (verdict.outcome !== "applied" || verdict.to.deadline !== 2) reentryFailures.push(`transition: ${JSON.stringify(verdict)}`);
    const admission = api.admit({ state: { kind: "Maintenance", since: 1 }, event: { type: "ExitMaintenance" }, frozenUntil: 10 }, 5);
    if (admission.code !== "FREEZE_IN_EFFECT" || admission.stage !== "freeze") reentryFailures.push(`admit: ${JSON.stringify(admission)}`);
    const payload = hex(api.adminSigningPayload({ type: "ExitMaintenance", node: 7n }, 0x0102));
    if (payload !== `${DOMAIN}02010000000000000107`) reentryFailures.push(`payload: ${payload}`);
    const state = api.fromView({ Maintenance: { since_ms: 3 } }, 5, "snapshot");
    if (state.kind !== "Maintenance" || state.since !== 2) reentryFailures.push(`fromView: ${JSON.stringify(state)}`);
    if (api.checkOperatorRegistry({ 1: KEY, 2: KEY_B64 }) !== 2) reentryFailures.push("checkOperatorRegistry");
  } catch (error) {
    reentryFailures.push(`threw ${error?.name}: ${error?.message}`);
  }
}

const BIGINTS = [0n, -0n, 1n, -1n, 127n, 128n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 63n, 2n ** 64n - 1n, 2n ** 64n, 2n ** 64n + 1n, -(2n ** 64n), -(2n ** 53n), 2n ** 200n, 10n ** 400n];
const HUGE_DIGITS = "9".repeat(100_000);

/** Hostile leaves, built inside the property from an index (see FACTORIES). */
const LEAVES = [
  ...BIGINTS.map((b) => () => b),
  () => -0, () => NaN, () => Infinity, () => -Infinity, () => -1, () => 1.5, () => 2 ** 53, () => 2 ** 53 - 1,
  () => 2 ** 64, () => 1e21, () => Number.MIN_VALUE, () => 0, () => 300_000, () => 30_000,
  () => "", () => "0", () => "007", () => "1e3", () => " 1", () => "+1", () => "-1", () => "0x10", () => "1.0",
  () => "18446744073709551615", () => "18446744073709551616", () => "１", () => "\uD800", () => "\u0000", () => TEN_MB, () => HUGE_DIGITS,
  () => "zz", () => "abc", () => "AA==", () => "A===", () => "AAA=", () => "-_8=", () => "a+b/", () => "ab".repeat(64), () => "AB".repeat(63) + "A",
  () => "A".repeat(86), () => "A".repeat(86) + "==", () => "A".repeat(43), () => "A".repeat(43) + "=", () => KEY, () => KEY_B64, () => "g".repeat(64),
  () => new Uint8Array(0), () => new Uint8Array(1), () => new Uint8Array(31), () => new Uint8Array(32), () => new Uint8Array(63),
  () => new Uint8Array(64), () => new Uint8Array(65), () => new Uint8Array(1025), () => new Uint8Array(1_000_000),
  () => new Uint8Array(new SharedArrayBuffer(64)), () => new Uint8Array(65).subarray(1), () => new Uint8ClampedArray(64),
  () => new Uint16Array(32), () => new BigUint64Array(8), () => new ArrayBuffer(64), () => new DataView(new ArrayBuffer(64)),
  () => Object(1n), () => new String("1"), () => new Number(5), () => new Boolean(true),
  () => null, () => undefined, () => true, () => false, () => [], () => [1], () => ({}), () => Symbol("s"), () => () => 1,
  () => "Active", () => "Unknown", () => "sdk", () => "ffi", () => "snapshot", () => "SDK", () => "node", () => "strict", () => "Node",
  () => ({ kind: "Active" }), () => ({ Active: {} }), () => ({ Maintenance: {} }), () => ({ Recovery: { since_ms: 1 }, Maintenance: { since_ms: 1 } }),
  () => ({ type: "Reconcile", conditions: { clusterFrozen: true } }), () => ({ type: "TransitionObserved", state: { kind: "Active" } }),
  () => ({ valueOf() { reenter(); return 5; }, toString() { reenter(); return "5"; } }),
  () => ({ get kind() { reenter(); return "Active"; }, get type() { reenter(); return "ExitMaintenance"; }, get node() { reenter(); return 1n; } }),
  () => Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [String(i), KEY])),
  () => Object.fromEntries(Array.from({ length: 4096 }, (_, i) => [String(i), KEY])),
  () => ({ ["1".repeat(70)]: KEY }), () => ({ "01": KEY }), () => ({ "-1": KEY }), () => ({ "1": KEY, [Symbol("k")]: KEY }),
  () => Object.assign(Object.create(null), { 1: KEY }), () => Object.create({ 1: KEY }), () => new Map([["1", KEY]]),
  ...FACTORIES,
];
const leafIndex = fc.integer({ min: 0, max: LEAVES.length - 1 });

const EXTRA_KEYS = ["extra", "__proto__", "constructor", "kind", "type", "force", "sinceMs", "since_ms", "deadline_remaining_ms", "profile", "clusterFrozen", "frozenUntil", "x".repeat(100)];

/** A copy of a JSON-like value (bigints and byte arrays included). */
function copy(value) {
  if (value instanceof Uint8Array) return value.slice();
  if (Array.isArray(value)) return value.map(copy);
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, copy(v)]));
  return value;
}

/** Every path to an object member or array element in `value`, the root ([]) first. */
function pathsOf(value, path = [], out = [[]]) {
  if (typeof value === "object" && value !== null && !(value instanceof Uint8Array)) {
    for (const key of Object.keys(value)) {
      out.push([...path, key]);
      pathsOf(value[key], [...path, key], out);
    }
  }
  return out;
}

function reentrantProxy(target) {
  return new Proxy(target, {
    get(t, key, receiver) { reenter(); return Reflect.get(t, key, receiver); },
    ownKeys(t) { reenter(); return Reflect.ownKeys(t); },
  });
}

/**
 * `value` with one hostile change at one of its paths: the member replaced by
 * a leaf, an extra member, a member removed, or the object at the path
 * wrapped in a proxy that calls back into the module, throws, or is revoked.
 */
function mutate(value, { where, how, leaf, extra }) {
  const paths = pathsOf(value);
  const path = paths[where % paths.length];
  const root = { value: copy(value) };
  let parent = root, key = "value";
  for (const step of path) { parent = parent[key]; key = step; }
  const current = parent[key];
  const isObject = typeof current === "object" && current !== null && !(current instanceof Uint8Array);
  switch (how) {
    case 0: parent[key] = LEAVES[leaf](); break;
    case 1:
      if (isObject) current[EXTRA_KEYS[extra % EXTRA_KEYS.length]] = LEAVES[leaf]();
      else parent[key] = LEAVES[leaf]();
      break;
    case 2:
      if (path.length) delete parent[key];
      else root.value = undefined;
      break;
    case 3: if (isObject) parent[key] = reentrantProxy(current); break;
    case 4:
      if (isObject) {
        const throwOn = Object.keys(current)[extra % Math.max(1, Object.keys(current).length)];
        parent[key] = new Proxy(current, {
          get(t, k, r) { if (k === throwOn) throw new GetterError(String(k)); return Reflect.get(t, k, r); },
          ownKeys(t) { if (extra % 3 === 0) throw new GetterError("ownKeys"); return Reflect.ownKeys(t); },
        });
      }
      break;
    default: {
      const revocable = Proxy.revocable(isObject ? current : {}, {});
      revocable.revoke();
      parent[key] = revocable.proxy;
    }
  }
  return root.value;
}
const mutation = fc.record({ where: fc.nat(), how: fc.integer({ min: 0, max: 5 }), leaf: leafIndex, extra: fc.nat() });

function checkState(state) {
  assert.ok(KINDS.has(state?.kind), `not a state: ${fc.stringify(state)}`);
  api.rank(state); // the module reads it back
}

function checkVerdictShape(verdict) {
  assert.ok(["applied", "unchanged", "rejected"].includes(verdict.outcome), fc.stringify(verdict));
  checkState(verdict.from);
  checkState(verdict.to);
  assert.equal("code" in verdict, verdict.outcome === "rejected", fc.stringify(verdict));
  if (verdict.outcome !== "applied") assert.deepEqual(verdict.to, verdict.from);
  assert.ok(typeof verdict.message === "string" && verdict.message.length > 0);
}

function checkAdmission(admission) {
  checkVerdictShape(admission);
  const codes = {
    freeze: ["FREEZE_IN_EFFECT"],
    freshness: ["ENVELOPE_FROM_FUTURE", "ENVELOPE_EXPIRED"],
    rules: ["INVALID_TRANSITION", "FORCE_REQUIRED", "INVALID_SUCCESSOR", undefined],
  }[admission.stage];
  assert.ok(codes?.includes(admission.code), `stage ${admission.stage} with code ${admission.code}`);
}

function checkPayload(bytes) {
  assert.ok(bytes instanceof Uint8Array, "not a Uint8Array");
  assert.ok(bytes.length >= 30 && bytes.length <= 53, `${bytes.length} bytes`);
  assert.equal(hex(bytes.subarray(0, 20)), DOMAIN);
}

function checkCommitVerdict(verdict) {
  assert.ok(/^(0|[1-9][0-9]*)$/.test(verdict.operatorId), `operatorId ${verdict.operatorId}`);
  assert.ok(typeof verdict.message === "string" && verdict.message.length > 0);
  if (verdict.outcome === "verified") return assert.equal(verdict.stage, "signature");
  assert.equal(verdict.outcome, "rejected");
  const codes = { freshness: ["ENVELOPE_FROM_FUTURE", "ENVELOPE_EXPIRED"], registry: ["NOT_AUTHORIZED"], signature: ["INVALID_SIGNATURE"] }[verdict.stage];
  assert.ok(codes?.includes(verdict.code), `stage ${verdict.stage} with code ${verdict.code}`);
}

function checkPrepared(prepared) {
  if (prepared.verdict) return checkCommitVerdict(prepared.verdict);
  assert.equal(prepared.publicKey.length, 32);
  assert.equal(prepared.signature.length, 64);
  checkPayload(prepared.payload);
  checkCommitVerdict(prepared.valid);
  checkCommitVerdict(prepared.invalid);
  assert.equal(prepared.valid.outcome, "verified");
  assert.equal(prepared.invalid.code, "INVALID_SIGNATURE");
}

const frozenMachine = new api.Machine({ state: { kind: "Maintenance", since: 1 }, config: { profile: "node" } });

/** Per function: valid calls (each must succeed), and what a result must look like. */
const TARGETS = {
  admit: {
    fn: api.admit,
    valid: [
      [{ state: { kind: "Maintenance", since: 1 }, event: { type: "ExitMaintenance", force: true }, frozenUntil: 10, issuedAt: 4, config: { profile: "node" } }, 5, { freshnessWindowMs: 0, futureSkewMs: 2 ** 53 - 1 }],
      [{ state: { kind: "Active" }, event: { type: "EnterMaintenance", drainForMs: 5 }, frozenUntil: null }, 1_000_000],
      [{ state: { kind: "DrainFailed", since: 1, reason: "r" }, event: { type: "ExitMaintenance" }, issuedAt: 700_000, config: { profile: "strict", defaultDrainForMs: null } }, 1_000_000, {}],
      [{ state: { kind: "EnteringMaintenance", since: 1, deadline: null }, event: { type: "EnterMaintenance", drainForMs: null }, frozenUntil: 5, issuedAt: 35 }, 5, undefined],
    ],
    check: checkAdmission,
  },
  fromView: {
    fn: api.fromView,
    valid: [
      [{ kind: "EnteringMaintenance", sinceMs: 5n, deadlineRemainingMs: 10n }, 1000, "sdk"],
      [{ kind: "DrainFailed", sinceMs: 2 ** 53 - 1, reason: "r" }, 1000, "sdk"],
      [{ kind: "entering_maintenance", since_ms: 5, deadline_remaining_ms: null }, 1000, "ffi"],
      [{ kind: "drain_failed" }, 1000, "ffi"],
      [{ EnteringMaintenance: { since_ms: 5, deadline_remaining_ms: 7 } }, 1000, "snapshot"],
      [{ DrainFailed: { since_ms: 5, reason: "" } }, 2 ** 53 - 1, "snapshot"],
      ["Active", 0, "snapshot"],
    ],
    check: checkState,
  },
  toView: {
    fn: api.toView,
    valid: [
      [{ kind: "EnteringMaintenance", since: 1, deadline: 5 }, 3, "sdk"],
      [{ kind: "DrainFailed", since: 1, reason: "r" }, 3, "ffi"],
      [{ kind: "Recovery", since: 10 }, 3, "snapshot"],
      [{ kind: "Active" }, 3, "snapshot"],
    ],
    check: (view, args) => checkState(api.fromView(view, args[1], args[2])),
  },
  adminSigningPayload: {
    fn: api.adminSigningPayload,
    valid: [
      [{ type: "EnterMaintenance", node: 2n ** 64n - 1n, drainForMs: 1500 }, 2 ** 53 - 1],
      [{ type: "ExitMaintenance", node: "18446744073709551615" }, 0],
      [{ type: "EnterMaintenance", node: "0", drainForMs: null }, 5],
      [{ type: "EnterMaintenance", node: 128 }, 5],
    ],
    check: checkPayload,
  },
  prepareAdminCommit: {
    fn: api.prepareAdminCommit,
    valid: [
      [{ command: { type: "ExitMaintenance", node: "42" }, issuedAt: 1000, signature: { operatorId: "1", signature: SIGNATURE } }, 1000, { 1: KEY, 2: KEY_B64 }],
      [{ command: { type: "EnterMaintenance", node: 7n, drainForMs: 1 }, issuedAt: 1000, signature: { operatorId: 2n, signature: new Uint8Array(64) } }, 1000, { 2: KEY_B64 }, { freshnessWindowMs: 1 }],
      [{ command: { type: "EnterMaintenance", node: 7n }, issuedAt: 5, signature: { operatorId: "18446744073709551615", signature: "A".repeat(86) } }, 1_000_000, { "18446744073709551615": KEY }, {}],
      [{ command: { type: "ExitMaintenance", node: 1n }, issuedAt: 5, signature: { operatorId: "3", signature: "AA==" } }, 5, {}],
    ],
    check: checkPrepared,
  },
  checkOperatorRegistry: {
    fn: api.checkOperatorRegistry,
    valid: [[{}], [{ 1: KEY }], [{ 0: KEY_B64, "18446744073709551615": KEY.toUpperCase(), 7: `${KEY_B64}=` }]],
    check: (n) => assert.ok(Number.isInteger(n) && n >= 0 && n <= 4096, `${n}`),
  },
  "Machine.allowedActions": {
    fn: (now, options) => frozenMachine.allowedActions(now, options),
    valid: [[5], [5, {}], [5, { frozenUntil: null }], [5, { frozenUntil: 6 }], [2 ** 53 - 1, { frozenUntil: 2 ** 53 - 1 }]],
    check: (allowed, [now, options]) => {
      assert.deepEqual(Object.keys(allowed).sort(), ["enterMaintenance", "exitMaintenance", "forceExit"]);
      assert.ok(Object.values(allowed).every((v) => typeof v === "boolean"));
      assert.equal(allowed.forceExit, false, "the node profile never needs force");
      // The package reads own enumerable properties, as JSON does; so does this check.
      let until;
      try {
        until = Object.getOwnPropertyDescriptor(options ?? {}, "frozenUntil")?.value;
      } catch {
        until = undefined;
      }
      const frozen = typeof until === "number" && until > now;
      if (frozen) assert.ok(!allowed.enterMaintenance && !allowed.exitMaintenance, "a button on during a freeze");
    },
  },
  transition: {
    fn: api.transition,
    valid: [
      [{ kind: "DrainFailed", since: 1, reason: "r" }, { type: "ExitMaintenance" }, 5, { profile: "node" }],
      [{ kind: "Active" }, { type: "EnterMaintenance" }, 5, { profile: "strict", defaultDrainForMs: 5, recoveryRampWindowMs: 1 }],
      [{ kind: "EnteringMaintenance", since: 1, deadline: 2 }, { type: "Reconcile", conditions: { clusterFrozen: true, replicasDrained: true } }, 5, { profile: "node" }],
    ],
    check: checkVerdictShape,
  },
  reconcile: {
    fn: api.reconcile,
    valid: [
      [{ kind: "EnteringMaintenance", since: 1, deadline: 2 }, { clusterFrozen: true }, 5, { profile: "node" }],
      [{ kind: "EnteringMaintenance", since: 1, deadline: 2 }, { clusterFrozen: false, replicasDrained: false }, 5, { profile: "strict" }],
      [{ kind: "Recovery", since: 1 }, { daemonsHealthy: true, clusterFrozen: false }, 500_000],
    ],
    check: (state, [, conditions]) => {
      if (state !== null) checkState(state);
      if (Object.getOwnPropertyDescriptor(conditions ?? {}, "clusterFrozen")?.value === true) assert.equal(state, null, "reconcile moved a frozen node");
    },
  },
  replay: {
    fn: api.replay,
    valid: [
      [[{ at: 1, event: { type: "EnterMaintenance" } }, { at: 2, event: { type: "Reconcile", conditions: { clusterFrozen: true } } }], { initial: { kind: "Maintenance", since: 0 }, config: { profile: "node" } }],
      [[], { config: { profile: "strict", defaultDrainForMs: null } }],
    ],
    check: (outcome) => checkState(outcome.state),
  },
  Machine: {
    fn: (options) => new api.Machine(options).free(),
    valid: [[{ state: { kind: "Active" }, config: { profile: "node" } }], [{ config: { profile: "strict" } }], [undefined]],
  },
  replayPacked: {
    fn: api.replayPacked,
    valid: [[{ kind: new Uint8Array([0, 3, 3]), at: new Float64Array([1, 2, 3]), param: new Float64Array([5, 8, 15]) }, { config: { profile: "node" } }]],
    check: (outcome) => checkState(outcome.state),
  },
  reconcileFleet: {
    fn: api.reconcileFleet,
    valid: [[{ kind: new Uint8Array([1, 1]), since: new Float64Array([1, 1]), deadline: new Float64Array([2, NaN]), conditions: new Uint8Array([8, 1]) }, 5, { profile: "node" }]],
  },
};

test("every valid call of the targeted properties succeeds (so a targeted error is the hostile argument's)", () => {
  for (const [name, { fn, valid, check }] of Object.entries(TARGETS)) {
    for (const args of valid) {
      const result = fn(...args);
      if (check) check(result, args);
    }
  }
});

for (const [name, { fn, valid, check }] of Object.entries(TARGETS)) {
  test(`${name}: one hostile argument (whole or one field) is refused under its own name, or answered well-formed`, () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), mutation, (which, culpritIndex, change) => {
        const base = valid[which % valid.length];
        const culprit = culpritIndex % PARAMS[name].length;
        const args = PARAMS[name].map((_, i) => base[i]);
        args[culprit] = mutate(base[culprit], change);
        // Trailing undefined arguments stay missing.
        while (args.length && args[args.length - 1] === undefined) args.pop();
        callSafely(name, fn, args, { culprit, check, getterErrors: false });
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });
}

test("verifyAdminCommit: hostile commits, registries and policies reject with a MaintenanceInputError or resolve to a verdict", async () => {
  const valid = TARGETS.prepareAdminCommit.valid;
  await fc.assert(
    fc.asyncProperty(fc.nat(), fc.nat(), mutation, async (which, culpritIndex, change) => {
      const base = valid[which % valid.length];
      const culprit = culpritIndex % 4;
      const args = [0, 1, 2, 3].map((i) => base[i]);
      args[culprit] = mutate(base[culprit], change);
      calls += 1;
      counts.verifyAdminCommit = (counts.verifyAdminCommit ?? 0) + 1;
      try {
        checkCommitVerdict(await api.verifyAdminCommit(...args));
      } catch (error) {
        if (error instanceof assert.AssertionError) throw error;
        checkThrown("verifyAdminCommit", error, culprit, false);
      }
    }),
    { numRuns: Math.max(100, RUNS / 4), seed: SEED },
  );
});

test("views in each dialect: times of any size, sign or type are refused under view.<field>, never rounded", () => {
  const shapes = {
    sdk: (t) => ({ kind: "Maintenance", sinceMs: t }),
    ffi: (t) => ({ kind: "maintenance", since_ms: t }),
    snapshot: (t) => ({ Maintenance: { since_ms: t } }),
  };
  const time = fc.oneof(fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }), fc.bigInt({ min: 2n ** 53n - 3n, max: 2n ** 53n + 3n }), fc.double(), fc.integer(), fc.constantFrom(-0, NaN, 2 ** 53, -0n, 2n ** 64n - 1n, 2n ** 64n));
  fc.assert(
    fc.property(fc.constantFrom("sdk", "ffi", "snapshot"), time, (dialect, t) => {
      const state = callSafely("fromView", api.fromView, [shapes[dialect](t), 2 ** 53 - 1, dialect], { culprit: 0, check: checkState, getterErrors: false });
      const n = typeof t === "bigint" ? t : Number.isSafeInteger(t) || Object.is(t, -0) ? BigInt(t) : null;
      // Accepted exactly for a time in the domain (a bigint only in "sdk").
      const inDomain = n !== null && n >= 0n && n <= 2n ** 53n - 1n && (dialect === "sdk" || typeof t === "number");
      assert.equal(state !== undefined, inDomain, `${dialect} ${typeof t} ${String(t)}`);
      if (state) assert.equal(state.since, 2 ** 53 - 1 - Number(n));
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

test("node ids of any size, sign or type: exact u64s are signed as such, everything else is refused under command.node", () => {
  const id = fc.oneof(fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }), fc.bigInt({ min: 2n ** 64n - 3n, max: 2n ** 64n + 3n }), fc.double(), fc.integer(), fc.string({ maxLength: 25 }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String));
  fc.assert(
    fc.property(id, fc.boolean(), (node, enter) => {
      const command = enter ? { type: "EnterMaintenance", node, drainForMs: 1500 } : { type: "ExitMaintenance", node };
      const bytes = callSafely("adminSigningPayload", api.adminSigningPayload, [command, 1], { culprit: 0, check: checkPayload, getterErrors: false });
      const exact = typeof node === "bigint" ? node : typeof node === "number" && Number.isSafeInteger(node) ? BigInt(node) : typeof node === "string" && /^(0|[1-9][0-9]*)$/.test(node) ? BigInt(node) : null;
      const valid = exact !== null && exact >= 0n && exact <= 2n ** 64n - 1n;
      assert.equal(bytes !== undefined, valid, `${typeof node} ${String(node)}`);
      if (bytes) {
        // The varint after the variant decodes back to the id.
        let value = 0n, shift = 0n, i = 29;
        for (;;) { const b = bytes[i++]; value |= BigInt(b & 0x7f) << shift; shift += 7n; if (b < 0x80) break; }
        assert.equal(value, exact);
      }
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

test("signatures and keys as odd byte arrays, hex and base64url: wrong lengths are verdicts, undecodable text is INVALID_INPUT", () => {
  const hexDigit = fc.constantFrom(..."0123456789abcdefABCDEF");
  const text = fc.oneof(fc.string({ unit: hexDigit, maxLength: 140 }), fc.base64String({ maxLength: 100 }), fc.string({ maxLength: 130 }), fc.stringMatching(/^[A-Za-z0-9_-]{0,90}={0,3}$/));
  const bytes = fc.nat(130).map((n) => new Uint8Array(n));
  fc.assert(
    fc.property(fc.oneof(text, bytes), text, (signature, key) => {
      const commit = { command: { type: "ExitMaintenance", node: 1n }, issuedAt: 5, signature: { operatorId: 1n, signature } };
      const prepared = callSafely("prepareAdminCommit", api.prepareAdminCommit, [commit, 5, { 1: KEY }], { culprit: 0, check: checkPrepared, getterErrors: false });
      if (signature instanceof Uint8Array) {
        assert.ok(prepared, "a Uint8Array signature is never malformed below 1025 bytes");
        assert.equal(prepared.verdict ? prepared.verdict.code : "checked", signature.length === 64 ? "checked" : "INVALID_SIGNATURE");
      }
      callSafely("checkOperatorRegistry", api.checkOperatorRegistry, [{ 1: key }], { culprit: 0, getterErrors: false });
    }),
    { numRuns: RUNS, seed: SEED },
  );
});

test("signatures that only pretend to be Uint8Arrays (detached, proxied, subclassed, fake) are refused as malformed input", () => {
  const detached = () => { const buffer = new ArrayBuffer(64); const bytes = new Uint8Array(buffer); structuredClone(buffer, { transfer: [buffer] }); return bytes; };
  const shrunk = () => { const buffer = new ArrayBuffer(64, { maxByteLength: 64 }); const bytes = new Uint8Array(buffer, 0, 64); buffer.resize(8); return bytes; };
  class Throwing extends Uint8Array { get length() { throw new GetterError("length"); } }
  const fakes = {
    detached,
    "out of bounds after a resize": shrunk,
    "Object.create(Uint8Array.prototype)": () => Object.create(Uint8Array.prototype),
    "a proxy of a Uint8Array": () => new Proxy(new Uint8Array(64), {}),
    "a subclass whose length getter throws": () => new Throwing(64),
  };
  const failures = [];
  for (const [what, make] of Object.entries(fakes)) {
    const commit = { command: { type: "ExitMaintenance", node: 1n }, issuedAt: 5, signature: { operatorId: 1n, signature: make() } };
    try {
      calls += 1;
      counts.prepareAdminCommit = (counts.prepareAdminCommit ?? 0) + 1;
      checkPrepared(api.prepareAdminCommit(commit, 5, { 1: KEY }));
    } catch (error) {
      try {
        checkThrown("prepareAdminCommit", error, 0, false);
      } catch (failure) {
        failures.push(`${what}: ${failure.message}`);
      }
    }
  }
  assert.deepEqual(failures, []);
});

test("the packed entry's condition bit 8 (clusterFrozen) moves no node, whatever the other bits and the profile", () => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.nat(1000), fc.option(fc.nat(1000)), fc.nat(255)), { minLength: 1, maxLength: 20 }), fc.constantFrom("strict", "node"), (rows, profile) => {
      const columns = {
        kind: Uint8Array.from(rows, (r) => r[0]),
        since: Float64Array.from(rows, (r) => (r[0] === 0 ? NaN : r[1])),
        deadline: Float64Array.from(rows, (r) => (r[0] === 1 && r[2] !== null ? r[2] : NaN)),
        conditions: Uint8Array.from(rows, (r) => r[3]),
      };
      const fleet = callSafely("reconcileFleet", api.reconcileFleet, [columns, 2000, { profile }], { getterErrors: false });
      const malformed = rows.some((r) => r[3] > 15);
      assert.equal(fleet === undefined, malformed, "condition bits above 15 are refused, the others taken");
      if (!fleet) return;
      for (const index of fleet.changed) {
        assert.equal(rows[index][3] & 8, 0, `row ${index} with clusterFrozen changed`);
      }
    }),
    { numRuns: Math.max(200, RUNS / 4), seed: SEED },
  );
});

test("a 10M-entry packed replay finishes, and the module then answers every vector", () => {
  const n = 10_000_000;
  const result = api.replayPacked({ kind: new Uint8Array(n).fill(3), at: new Float64Array(n), param: new Float64Array(n) });
  assert.equal(result.unchanged, n);
  const { failures, count } = runVectors(api, loadVectors());
  assert.deepEqual(failures, []);
  assert.deepEqual(reentryFailures, [], "a getter that called back into the module got a wrong answer");
  console.log(`hostile: ${calls} calls, then all ${count} conformance vectors still pass`);
  console.log(`hostile calls per function: ${JSON.stringify(counts)}`);
  console.log(`hostile: ${reentries} calls back into the module from getters, all answered correctly`);
});
