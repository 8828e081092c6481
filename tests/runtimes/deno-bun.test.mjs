// Deno and Bun, from their npm packages, import the package by name and run
// every conformance vector; both must agree with the native run.
import { test } from "node:test";
import assert from "node:assert/strict";

import { disagreements } from "../js/conformance.mjs";
import { loadNativeResults } from "../js/vectors.mjs";
import { bin, run } from "./processes.mjs";

const native = loadNativeResults();
const script = "tests/runtimes/run-vectors.mjs";

for (const [runtime, args] of [
  ["deno", ["run", "--quiet", "--allow-read", "--allow-env", script]],
  ["bun", [script]],
]) {
  test(`conformance vectors in ${runtime}`, async () => {
    const { code, stdout, stderr } = await run(bin(runtime), args);
    process.stdout.write(stderr);
    assert.equal(code, 0, stderr);
    const result = JSON.parse(stdout);
    assert.equal(result.runtime, runtime);
    assert.deepEqual(result.failures, []);
    assert.equal(result.count, Object.keys(native).length, "every native case ran");
    assert.deepEqual(disagreements(result.details, native), [], "agrees with the native run");
  });
}
