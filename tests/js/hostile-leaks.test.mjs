// Hostile input leaves nothing behind: a call that refuses its input must
// release the memory it took, or a few thousand hostile requests to a
// long-lived worker exhaust the instance. Each hostile call runs 3000 times
// on fresh instances of the three modules (a worker thread running
// hostile-leak-probe.mjs); their memory must not grow, nothing may trap, and
// the instances must then still answer every conformance vector.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Worker } from "node:worker_threads";

import { hostileCalls } from "./hostile-leak-probe.mjs";

const probe = new URL("hostile-leak-probe.mjs", import.meta.url);
const names = Object.keys(hostileCalls({ Machine: class {} }));

function measure(what) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(probe, { workerData: { what } });
    worker.once("message", resolve);
    worker.once("error", reject);
  });
}

{
  test("hostile calls leave nothing behind", async () => {
    const problems = [];
    for (const what of names) {
      const { bytes, trapped, vectors } = await measure(what);
      if (bytes > 65536) problems.push(`${what}: +${bytes} bytes over 3000 calls`);
      if (trapped) problems.push(`${what}: trapped (${trapped})`);
      if (vectors.failures !== 0) problems.push(`${what}: afterwards ${vectors.failures} of ${vectors.count} vectors fail ${vectors.error ?? ""}`);
    }
    console.log(`hostile-leaks: ${names.length} hostile calls × 3000 on fresh instances, ${problems.length} problems`);
    assert.deepEqual(problems, []);
  });
}
