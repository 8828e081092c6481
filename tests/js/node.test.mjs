// The conformance vectors against the built package in Node, imported both
// as an ES module and through require(), exactly as a user would.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";

import * as esm from "mesh-maintenance";
import { runVectors, disagreements } from "./conformance.mjs";
import { loadVectors, loadNativeResults } from "./vectors.mjs";

const cjs = createRequire(import.meta.url)("mesh-maintenance");
const vectors = loadVectors();
const native = loadNativeResults();

for (const [name, api] of [["ESM", esm], ["CJS", cjs]]) {
  test(`conformance vectors in Node (${name})`, () => {
    const { count, failures, details } = runVectors(api, vectors);
    console.log(`node ${name}: ran ${count} conformance vectors`);
    assert.deepEqual(failures, []);
    assert.equal(count, Object.keys(native).length, "every native case ran");
    assert.deepEqual(disagreements(details, native), [], "agrees with the native run");
  });
}

test("ESM and CJS are separate instances with the same answers", () => {
  assert.notEqual(esm.transition, cjs.transition);
  const args = [{ kind: "Maintenance", since: 1 }, { type: "ExitMaintenance" }, 2];
  assert.deepEqual(esm.transition(...args), cjs.transition(...args));
});
