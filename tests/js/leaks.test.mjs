// No leaks: millions of calls and Machines (freed, disposed, or left to the
// garbage collector) leave the module's memory bounded. Runs the probe in a
// child process with --expose-gc.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";

const MiB = 2 ** 20;

test("wasm memory stays bounded through 20M calls and 3M Machines", () => {
  const probe = new URL("leak-probe.mjs", import.meta.url).pathname;
  const { calls, machines, stages } = JSON.parse(execFileSync(process.execPath, ["--expose-gc", probe], { encoding: "utf8" }));
  console.log(`leaks: ${JSON.stringify(stages)}`);
  assert.equal(calls, 10_000_000);
  assert.equal(machines, 1_000_000);
  assert.ok(stages.calls - stages.start <= MiB, "10M calls grew the memory");
  assert.ok(stages.freed - stages.calls <= MiB, "1M Machines with free() grew the memory");
  assert.ok(stages.disposed - stages.freed <= MiB, "1M Machines with Symbol.dispose grew the memory");
  // Batches of 50k unfreed Machines wait for the collector: bounded by a
  // batch, not by the million.
  assert.ok(stages.collected - stages.disposed <= 16 * MiB, `Machines left to the GC: ${stages.collected - stages.disposed} bytes`);
  assert.ok(stages.callsAgain - stages.collected <= MiB, "calls after the Machines grew the memory");
});
