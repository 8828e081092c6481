// The fast path (wasm/js/rules.js reading arguments into numbers, the
// module's numeric decoders judging them) against the slow path (the
// module's strict decoders on the whole values, answered canonically, then
// the fast path on those): on valid and invalid input alike they must give
// the same result, key order included, or throw the same
// MaintenanceInputError. And valid input must actually take the fast path.
import { test } from "node:test";
import assert from "node:assert/strict";

import * as api from "mesh-maintenance";
import { check } from "../../pkg/dist/codec.js";
import { CALLS } from "../../pkg/dist/protocol.js";
import { esm } from "./package.mjs";
import { runVectors, errorDetail } from "./conformance.mjs";
import { loadVectors } from "./vectors.mjs";
import { random } from "./random.mjs";

const RUNS = Number(process.env.FAST_PATH_RUNS ?? 20_000);

/** JSON with bigints, NaN and undefined told apart from everything else. */
const text = (value) => JSON.stringify(value, (_, v) =>
  typeof v === "bigint" ? `${v}n` : v === undefined ? "(undefined)" : Number.isNaN(v) ? "(NaN)" : v);

/** The result as text (key order matters), or the error's detail. */
function outcome(call) {
  try {
    return text(call());
  } catch (error) {
    return text(errorDetail(error));
  }
}

const KINDS = ["Active", "EnteringMaintenance", "Maintenance", "ExitingMaintenance", "DrainFailed", "Recovery"];

/** Values a field may hold: mostly valid, some of every wrong sort. */
function generator(next) {
  const pick = (list) => list[Math.floor(next() * list.length)];
  const time = () => pick([0, 1, 5_000, 600_000, 2 ** 53 - 1, Math.floor(next() * 1e9), Math.floor(next() * 1e6)]);
  const odd = () => pick([-1, 0.5, NaN, Infinity, 2 ** 53, "5", null, undefined, true, {}, [], 5n, -0]);
  const maybe = (valid, chance = 0.9) => (next() < chance ? valid() : odd());
  const state = () => {
    const kind = next() < 0.95 ? pick(KINDS) : pick(["Paused", "active", 3, undefined]);
    const s = { kind };
    if (kind !== "Active" || next() < 0.05) s.since = maybe(time);
    if (kind === "EnteringMaintenance") {
      const roll = next();
      if (roll < 0.4) s.deadline = maybe(time);
      else if (roll < 0.7) s.deadline = null;
    }
    if (kind === "DrainFailed" || next() < 0.03) s.reason = next() < 0.95 ? pick(["", "r", "drain deadline elapsed after 5ms"]) : odd();
    if (next() < 0.03) s.extra = 1;
    if (next() < 0.02) delete s.kind;
    return s;
  };
  const conditions = () => {
    const c = {};
    for (const flag of ["replicasDrained", "daemonsStopped", "daemonsHealthy", "clusterFrozen"]) {
      const roll = next();
      if (roll < 0.3) c[flag] = true;
      else if (roll < 0.5) c[flag] = false;
      else if (roll < 0.52) c[flag] = odd();
    }
    if (next() < 0.03) c.replicas = true;
    return c;
  };
  const event = () => {
    switch (Math.floor(next() * 5)) {
      case 0: return next() < 0.5 ? { type: "EnterMaintenance" } : { type: "EnterMaintenance", drainForMs: next() < 0.3 ? null : maybe(time) };
      case 1: return next() < 0.5 ? { type: "ExitMaintenance" } : { type: "ExitMaintenance", force: next() < 0.9 ? next() < 0.5 : odd() };
      case 2: return { type: "TransitionObserved", state: next() < 0.97 ? state() : odd() };
      case 3: return { type: "Reconcile", conditions: next() < 0.97 ? conditions() : odd() };
      default: return pick([{ type: "Cancel" }, { type: "Reconcile" }, { type: "ExitMaintenance", force: true, extra: 1 }, odd()]);
    }
  };
  const config = () => {
    if (next() < 0.5) return undefined;
    const c = {};
    if (next() < 0.5) c.profile = next() < 0.95 ? pick(["strict", "node"]) : pick(["Node", 1, null]);
    if (next() < 0.4) c.defaultDrainForMs = next() < 0.3 ? null : maybe(time);
    if (next() < 0.4) c.recoveryRampWindowMs = maybe(time);
    if (next() < 0.03) c.extra = 1;
    return next() < 0.98 ? c : odd();
  };
  return { state, event, conditions, config, now: () => maybe(time, 0.97) };
}

/** The slow path alone: `args` judged whole as those of `call`, then `then` on the copies it vouched for. */
const rules = api.__internal.exports();
const slow = (call, args, then) => () => then(...check(rules, "slowCheck", args, slow, CALLS.indexOf(call)));

test(`fast and slow paths agree on ${RUNS} random calls of each function, valid and not`, () => {
  const next = random(13);
  const g = generator(random(11));
  let valid = 0;
  for (let i = 0; i < RUNS; i++) {
    const [state, event, now, config] = [g.state(), g.event(), g.now(), g.config()];
    const fast = outcome(() => api.transition(state, event, now, config));
    assert.equal(fast, outcome(slow("transition", [state, event, now, config], api.transition)), text({ state, event, now, config }));
    if (!fast.startsWith('{"error"')) valid++;
    const conditions = g.conditions();
    assert.equal(outcome(() => api.reconcile(state, conditions, now, config)), outcome(slow("reconcile", [state, conditions, now, config], api.reconcile)));
    const other = g.state();
    assert.equal(outcome(() => api.isValidSuccessor(state, other)), outcome(slow("isValidSuccessor", [state, other], api.isValidSuccessor)));
    const predicates = (s) => [api.isNonActive(s), api.isSteadyMaintenance(s), api.since(s), api.rank(s)];
    assert.equal(outcome(() => predicates(state)), outcome(slow("predicates", [state], predicates)));
    // The machine: its own state, the random event.
    let machine;
    try {
      machine = new api.Machine({ state, config });
    } catch {
      continue;
    }
    assert.equal(outcome(() => machine.check(event, now)), outcome(slow("Machine.apply", [event, now], (e, n) => machine.check(e, n))));
    const until = g.now();
    assert.equal(
      outcome(() => machine.allowedActions(now, { frozenUntil: until })),
      outcome(slow("Machine.allowedActions", [now, { frozenUntil: until }], (n, options) => machine.allowedActions(n, options))),
    );
    const request = { state, event, frozenUntil: g.now(), config };
    if (next() < 0.5) request.issuedAt = g.now();
    assert.equal(outcome(() => api.admit(request, now)), outcome(slow("admit", [request, now], api.admit)));
  }
  console.log(`fast path: ${RUNS} random calls per function agree with the slow path (${valid} valid transitions)`);
  assert.ok(valid > RUNS / 3, `only ${valid} valid transitions: the generator is too hostile to test the fast path`);
});

test("random chains replay the same on both paths", () => {
  const g = generator(random(12));
  for (let i = 0; i < RUNS / 20; i++) {
    const entries = Array.from({ length: Math.floor(random(i)() * 12) }, (_, k) => ({ at: 1_000 * k, event: g.event() }));
    const options = random(i + 1)() < 0.5 ? undefined : { initial: g.state(), config: g.config() };
    // The slow path alone: the options, the array, then each entry, decoded
    // strictly in that order, and the replay on the canonical values.
    const viaSlow = () => {
      const [checked] = check(rules, "slowCheck", [options], viaSlow, CALLS.indexOf("replay.options"));
      check(rules, "slowReplayEntries", [entries], viaSlow);
      const copies = entries.map((entry, index) => check(rules, "slowReplayEntry", [entry, index], viaSlow)[0]);
      return api.replay(copies, checked);
    };
    assert.equal(outcome(() => api.replay(entries, options)), outcome(viaSlow));
  }
});

/** A case takes the slow path on purpose: it has malformed steps. */
function slowByDesign(c) {
  return JSON.stringify(c).includes('"error"');
}

test("every valid vector takes the fast path", () => {
  const files = loadVectors();
  const slow = [];
  let checked = 0;
  for (const stem of Object.keys(files)) {
    for (const c of files[stem].cases) {
      if (c.op === "malformed" || slowByDesign(c)) continue;
      const before = esm.__internal.slowCalls();
      runVectors(esm, { [stem]: { cases: [c] } });
      checked++;
      if (esm.__internal.slowCalls() !== before) slow.push(`${stem}/${c.name}`);
    }
  }
  console.log(`fast path: ${checked} valid vectors, ${slow.length} on the slow path`);
  assert.deepEqual(slow, []);
});
