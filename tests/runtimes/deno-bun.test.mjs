// Deno and Bun, from their npm packages, import the package by name and run
// every conformance vector and every signed-commit vector (with their own
// WebCrypto); both must agree with the native run.
import { test } from "node:test";
import assert from "node:assert/strict";

import { disagreements } from "../js/conformance.mjs";
import { loadNativeResults } from "../js/vectors.mjs";
import { bin, run } from "./processes.mjs";

const runners = [
  ["conformance", "tests/runtimes/run-vectors.mjs", loadNativeResults()],
  ["signature", "tests/runtimes/run-signatures.mjs", loadNativeResults("native-signatures.json")],
];

for (const [runtime, args, [kind, , native]] of runners.flatMap((runner) => [
  ["deno", ["run", "--quiet", "--allow-read", "--allow-env", runner[1]], runner],
  ["bun", [runner[1]], runner],
])) {
  test(`${kind} vectors in ${runtime}`, async () => {
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
