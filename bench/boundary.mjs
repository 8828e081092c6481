// The cost of the boundary: the same `transition` through the fast path (one
// crossing with numbers, js/rules.js building the objects) and through the
// slow path (the arguments written whole by js/codec.js, decoded strictly by
// the module, answered canonically, then the fast path again). The slow
// path is forced with valid states that carry an inherited enumerable key,
// which the fast path's key count cannot vouch for.
// `node bench/boundary.mjs` after `make pkg`.
import assert from "node:assert/strict";
import { measure, do_not_optimize } from "mitata";
import * as api from "mesh-maintenance";
import { cycle } from "./inputs.mjs";

const { states, events, times } = cycle;
const inherited = { inherited: true };
const slowStates = states.map((state) => Object.assign(Object.create(inherited), state));

// Same verdicts, and each slow call really took the slow path.
const before = api.__internal.slowCalls();
for (let i = 0; i < 5; i++) assert.deepEqual(api.transition(slowStates[i], events[i], times[i]), api.transition(states[i], events[i], times[i]));
assert.equal(api.__internal.slowCalls() - before, 5, "every inherited-key state took the slow path once");

const per = async (fn) => (await measure(() => { for (let i = 0; i < 5; i++) do_not_optimize(fn(i)); }, { min_cpu_time: 500e6 })).p50 / 5;
const fast = await per((i) => api.transition(states[i], events[i], times[i]));
const slow = await per((i) => api.transition(slowStates[i], events[i], times[i]));
console.log(JSON.stringify({ fastNs: Math.round(fast), slowNs: Math.round(slow) }));
