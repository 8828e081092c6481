// The signed-commit vectors in Node (ESM and CJS), with Node's WebCrypto.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { esm, cjs } from "./package.mjs";
import { disagreements } from "./conformance.mjs";
import { loadNativeResults } from "./vectors.mjs";
import { runSignatureVectors } from "./signatures.mjs";

const doc = JSON.parse(readFileSync(new URL("../vectors/signatures/commits.json", import.meta.url), "utf8"));
const native = loadNativeResults("native-signatures.json");

for (const [name, api] of [["ESM", esm], ["CJS", cjs]]) {
  test(`signature vectors in Node (${name})`, async () => {
    const { count, failures, details } = await runSignatureVectors(api, doc);
    console.log(`node ${name}: ran ${count} signature vectors`);
    assert.deepEqual(failures, []);
    assert.equal(count, Object.keys(native).length, "every native case ran");
    assert.deepEqual(disagreements(details, native), [], "agrees with the native run");
  });
}
