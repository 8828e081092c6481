// Views of the module's memory are only good until the module is next
// called: a call that allocates may grow the memory, which detaches every
// view taken before it (issue 15's defect: a reason rendered after the
// numbers' view was taken read `since` as undefined). Here every call into
// the module grows its memory first, so a view kept across any call breaks;
// every conformance vector, the bulk vectors and the malformed calls must
// still give the native answers. The package's own modules are loaded
// unbundled in this test's module graph, with the growing instance attached.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { attach } from "../../pkg/dist/instances.js";
import { instantiateSync } from "../../pkg/dist/load.js";
import * as api from "../../pkg/dist/full.js";
import { runVectors, disagreements } from "./conformance.mjs";
import { runBulkVectors } from "./bulk-conformance.mjs";
import { loadVectors, loadNativeResults } from "./vectors.mjs";

const exports = instantiateSync(readFileSync(new URL("../../pkg/dist/full.wasm", import.meta.url)));
let calls = 0;
const growing = Object.fromEntries(Object.entries(exports).map(([name, value]) => [
  name,
  typeof value !== "function" ? value : (...args) => {
    exports.memory.grow(1);
    calls++;
    return value(...args);
  },
]));
for (const name of ["rules", "gate", "bulk"]) attach(name, growing);

test("every vector gives the native answer when every call grows the memory", () => {
  const before = exports.memory.buffer.byteLength;
  const native = loadNativeResults();
  const { count, failures, details } = runVectors(api, loadVectors());
  assert.deepEqual(failures, []);
  assert.equal(count, Object.keys(native).length);
  assert.deepEqual(disagreements(details, native), []);
  const bulk = runBulkVectors(api, loadVectors("bulk"));
  assert.deepEqual(bulk.failures, []);
  assert.deepEqual(disagreements(bulk.details, loadNativeResults("native-bulk.json")), []);
  const grown = (exports.memory.buffer.byteLength - before) / 65536;
  console.log(`memory growth: ${calls} calls into the module, each after growing its memory (${grown} pages)`);
  assert.ok(calls > 1000 && grown === calls, `${calls} calls, ${grown} pages`);
});

test("a reconcile that fails a drain renders its reason after reading the numbers", () => {
  // The case the defect was seen on: the reason is rendered by a second call.
  const state = { kind: "EnteringMaintenance", since: 10, deadline: 20 };
  assert.deepEqual(api.reconcile(state, {}, 25), { kind: "DrainFailed", since: 25, reason: "drain deadline elapsed after 15ms" });
  const machine = new api.Machine({ state });
  assert.deepEqual(machine.apply({ type: "Reconcile", conditions: {} }, 30).to, { kind: "DrainFailed", since: 30, reason: "drain deadline elapsed after 20ms" });
  assert.deepEqual(machine.state, { kind: "DrainFailed", since: 30, reason: "drain deadline elapsed after 20ms" });
});
