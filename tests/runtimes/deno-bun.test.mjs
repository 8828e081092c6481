// Deno and Bun, from their npm packages, import the package by name and run
// every conformance vector and every signed-commit vector (with their own
// WebCrypto) through the full entry, and the rules' vectors through the
// default entry (in a process of its own); all must agree with the native run.
import { test } from "node:test";
import assert from "node:assert/strict";

import { disagreements } from "../js/conformance.mjs";
import { loadNativeResults } from "../js/vectors.mjs";
import { bin, run } from "./processes.mjs";

const native = loadNativeResults();
const rulesNative = Object.fromEntries(Object.entries(native).filter(([key]) => !/^(views|payload)\//.test(key)));
const runners = [
  ["conformance", ["tests/runtimes/run-vectors.mjs", "mesh-maintenance/full"], native],
  ["rules", ["tests/runtimes/run-vectors.mjs", "mesh-maintenance"], rulesNative],
  ["signature", ["tests/runtimes/run-signatures.mjs"], loadNativeResults("native-signatures.json")],
];

for (const [runtime, args, [kind, file, expected]] of runners.flatMap((runner) => [
  ["deno", ["run", "--quiet", "--allow-read", "--allow-env", ...runner[1]], runner],
  ["bun", [...runner[1]], runner],
])) {
  const entry = kind === "rules" ? "mesh-maintenance" : "mesh-maintenance/full";
  test(`${kind} vectors in ${runtime} (${entry})`, async () => {
    const { code, stdout, stderr } = await run(bin(runtime), args);
    process.stdout.write(stderr);
    assert.equal(code, 0, stderr);
    const result = JSON.parse(stdout);
    assert.equal(result.runtime, runtime);
    if (file[0].endsWith("run-vectors.mjs")) assert.equal(result.entry, entry);
    assert.deepEqual(result.failures, []);
    assert.equal(result.count, Object.keys(expected).length, "every native case ran");
    assert.deepEqual(disagreements(result.details, expected), [], "agrees with the native run");
  });
}
