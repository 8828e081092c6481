// The conformance vectors against the built package in Node, imported both
// as an ES module and through require(), exactly as a user would: the full
// entry (every function), and the default entry (the rules alone, on their
// own module) in a worker of its own.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

import { esm, cjs, RULES_ONLY } from "./package.mjs";
import { runVectors, disagreements } from "./conformance.mjs";
import { loadVectors, loadNativeResults } from "./vectors.mjs";

const vectors = loadVectors();
const native = loadNativeResults();

for (const [name, api] of [["full, ESM", esm], ["full, CJS", cjs]]) {
  test(`conformance vectors in Node (${name})`, () => {
    const { count, failures, details } = runVectors(api, vectors);
    console.log(`node ${name}: ran ${count} conformance vectors`);
    assert.deepEqual(failures, []);
    assert.equal(count, Object.keys(native).length, "every native case ran");
    assert.deepEqual(disagreements(details, native), [], "agrees with the native run");
  });
}

/** The rules' vectors through the default entry, in a fresh module graph. */
function rulesEntry(how) {
  const source = `
    import { parentPort, workerData } from "node:worker_threads";
    import { createRequire } from "node:module";
    const { runVectors } = await import(workerData.conformance);
    const api = workerData.how === "require"
      ? createRequire(workerData.here)("mesh-maintenance")
      : await import("mesh-maintenance");
    parentPort.postMessage(runVectors({ ...api }, workerData.vectors));`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(source, {
      eval: true,
      workerData: {
        how,
        here: import.meta.url,
        conformance: new URL("conformance.mjs", import.meta.url).href,
        vectors: RULES_ONLY(vectors),
      },
    });
    worker.once("message", resolve);
    worker.once("error", reject);
  });
}

for (const how of ["import", "require"]) {
  test(`conformance vectors of the rules through the default entry (${how})`, async () => {
    const { count, failures, details } = await rulesEntry(how);
    console.log(`node default entry (${how}): ran ${count} conformance vectors`);
    assert.deepEqual(failures, []);
    const rulesNative = Object.fromEntries(Object.entries(native).filter(([key]) => !/^(views|payload)\//.test(key)));
    assert.equal(count, Object.keys(rulesNative).length, "every rules case ran");
    assert.deepEqual(disagreements(details, rulesNative), [], "agrees with the native run");
  });
}

test("ESM and CJS are separate instances with the same answers", () => {
  assert.notEqual(esm.transition, cjs.transition);
  const args = [{ kind: "Maintenance", since: 1 }, { type: "ExitMaintenance" }, 2];
  assert.deepEqual(esm.transition(...args), cjs.transition(...args));
});

test("the default entry has the rules and nothing of the gate or the columns", async () => {
  const rules = createRequire(import.meta.url)("mesh-maintenance");
  for (const name of ["transition", "reconcile", "replay", "admit", "Machine", "isValidSuccessor", "rank"]) {
    assert.equal(typeof rules[name], "function", name);
  }
  for (const name of ["fromView", "toView", "adminSigningPayload", "verifyAdminCommit", "replayPacked", "reconcileFleet"]) {
    assert.equal(rules[name], undefined, name);
  }
});
