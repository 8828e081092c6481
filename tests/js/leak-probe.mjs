// Wasm memory at each stage of a leak hunt: calls, Machines freed with
// free() or Symbol.dispose, Machines left to the garbage collector. Run with
// --expose-gc; prints {stage: bytes} as JSON. Used by leaks.test.mjs (which
// asserts on it) and by the benchmark (which reports it). `--quick` divides
// the counts by ten.
import { transition, Machine, __internal } from "mesh-maintenance";

const quick = process.argv.includes("--quick");
const CALLS = quick ? 1_000_000 : 10_000_000;
const MACHINES = quick ? 100_000 : 1_000_000;
const size = () => __internal.memoryBytes();
const state = { kind: "Maintenance", since: 5 };
const event = { type: "ExitMaintenance" };
const collect = async () => {
  globalThis.gc();
  await new Promise((resolve) => setTimeout(resolve, 20));
  globalThis.gc();
  await new Promise((resolve) => setTimeout(resolve, 20));
};

const stages = { start: size() };
for (let i = 0; i < CALLS; i++) transition(state, event, i);
stages.calls = size();
for (let i = 0; i < MACHINES; i++) new Machine({ state }).free();
stages.freed = size();
for (let i = 0; i < MACHINES; i++) new Machine({ state })[Symbol.dispose]();
stages.disposed = size();
// Left to the garbage collector, in batches, as a long-lived console would.
const BATCH = MACHINES / 20;
for (let done = 0; done < MACHINES; done += BATCH) {
  for (let i = 0; i < BATCH; i++) new Machine({ state }).apply(event, i);
  await collect();
}
stages.collected = size();
for (let i = 0; i < CALLS; i++) transition(state, event, i);
stages.callsAgain = size();
console.log(JSON.stringify({ calls: CALLS, machines: MACHINES, stages }));
