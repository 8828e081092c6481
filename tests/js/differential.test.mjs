// The wasm half of the cross-build differential test: every history that
// `cargo test --test differential` generated (with its native result) is
// replayed through the package in Node; there must be no mismatch.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createReadStream, existsSync } from "node:fs";
import { createInterface } from "node:readline";

import { replay } from "mesh-maintenance";
import { deepEqual } from "./conformance.mjs";

const file = new URL("../../target/differential/histories.jsonl", import.meta.url);
const encoder = new TextEncoder();

/** FNV-1a (32-bit) over the UTF-8 of the messages joined by newlines, as natively. */
function digest(messages) {
  let hash = 0x811c9dc5;
  for (const byte of encoder.encode(messages.join("\n"))) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash;
}

test("the wasm build replays every native history identically", async () => {
  assert.ok(existsSync(file), "run `cargo test --test differential` first (the test command does)");
  const minimum = Number(process.env.DIFF_COUNT ?? 100_000);
  const mismatches = [];
  let entries = 0;
  let i = -1;
  // Streamed: a long run's file is larger than a string may be.
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    if (!line) continue;
    i += 1;
    const history = JSON.parse(line);
    entries += history.entries.length;
    const outcome = replay(history.entries, { initial: history.initial, config: history.config });
    const actual = {
      state: outcome.state,
      applied: outcome.applied,
      unchanged: outcome.unchanged,
      rejected: outcome.rejected.map((r) => [r.index, r.verdict.code]),
      messages: digest(outcome.rejected.map((r) => r.verdict.message)),
    };
    if (!deepEqual(actual, history.expected)) {
      mismatches.push(`history ${i}: ${JSON.stringify(actual)} vs ${JSON.stringify(history.expected)}`);
      if (mismatches.length >= 10) break;
    }
  }
  const count = i + 1;
  console.log(`wasm: replayed ${count} histories (${entries} entries), ${mismatches.length} mismatches`);
  assert.deepEqual(mismatches, []);
  assert.ok(count >= minimum, `${count} histories, expected at least ${minimum}`);
});
