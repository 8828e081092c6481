// The benchmark harness: `make bench` (or `npm run bench`). In one run it
// checks the plain-JS reference against the conformance vectors, times this
// package, the reference and XState on the same inputs with mitata, measures
// sizes, cold start and memory, prints everything, and writes BENCHMARKS.md.
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { measure, do_not_optimize } from "mitata";
import { createActor } from "xstate";

import * as wasm from "mesh-maintenance/bulk";
import * as reference from "./reference.mjs";
import * as handwritten from "./handwritten.mjs";
import { maintenanceMachine } from "./xstate-machine.mjs";
import { runVectors, deepEqual } from "../tests/js/conformance.mjs";
import { loadVectors } from "../tests/js/vectors.mjs";
import { cycle, packedChain, objectChain, packedFleet } from "./inputs.mjs";
import { sizes } from "./sizes.mjs";

const repo = new URL("..", import.meta.url);
const quick = process.argv.includes("--quick");
const results = [];

// 1. A wrong reference is no baseline.
function checkReference() {
  // The strict rules' vector files; the JavaScript readings do no strict
  // input validation (the malformed cases are left out), and know nothing
  // of the node profile, admission, views or signing.
  const all = loadVectors();
  const files = {};
  for (const stem of ["transition", "reconcile", "successor", "predicates", "machine", "replay"]) files[stem] = all[stem];
  files.machine = { cases: files.machine.cases.filter((c) => !c.steps.some((step) => step.expect?.error || step.allowed)) };
  let count = 0;
  for (const [name, contender] of [["reference", reference], ["handwritten", handwritten]]) {
    const result = runVectors({ ...contender, since: contender.since ?? reference.since, rank: reference.rank, isNonActive: reference.isNonActive, isSteadyMaintenance: reference.isSteadyMaintenance }, files);
    const failures = result.failures.filter((f) => !/message|from /.test(f));
    if (failures.length > 0) throw new Error(`the ${name} JS fails ${failures.length} vectors:\n${failures.join("\n")}`);
    count = result.count;
  }
  const chain = packedChain(20_000, 3);
  const ours = wasm.replayPacked(chain);
  const theirs = reference.replayPacked(chain);
  if (!deepEqual({ ...ours, rejected: Array.from(ours.rejected) }, { ...theirs, rejected: Array.from(theirs.rejected) })) {
    throw new Error("the reference's packed replay disagrees with the package");
  }
  const fleet = packedFleet(10_000, 5);
  const a = wasm.reconcileFleet(fleet, 900_000), b = reference.reconcileFleet(fleet, 900_000);
  if (!deepEqual(Array.from(a.changed), Array.from(b.changed)) || !deepEqual(Array.from(a.kind), Array.from(b.kind))) {
    throw new Error("the reference's fleet reconcile disagrees with the package");
  }
  return count;
}

async function time(group, name, fn, { perCall = 1, unit = "ns" } = {}) {
  const stats = await measure(fn, quick ? { min_cpu_time: 50e6, max_samples: 100 } : { min_cpu_time: 500e6 });
  const p50 = stats.p50 / perCall;
  results.push({ group, name, p50, unit });
  console.log(`${group.padEnd(34)} ${name.padEnd(24)} ${format(p50)}`);
  return p50;
}

function format(ns) {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${ns.toFixed(1)} ns`;
}

// 2. The same inputs for everyone. A cycle is five events, each a real
// transition: enter, drained+stopped, exit, healthy, ramp elapsed.
async function perCallBenchmarks() {
  const states = cycle.states;
  const events = cycle.events;
  const times = cycle.times;
  const actorCycle = () => {
    const actor = createActor(maintenanceMachine).start();
    return actor;
  };

  await time("isValidSuccessor", "mesh-maintenance", () => do_not_optimize(wasm.isValidSuccessor(states[2], states[3])));
  await time("isValidSuccessor", "plain JS", () => do_not_optimize(reference.isValidSuccessor(states[2], states[3])));

  const transitionCycle = (api) => () => {
    for (let i = 0; i < 5; i++) do_not_optimize(api.transition(states[i], events[i], times[i]));
  };
  await time("transition (per event)", "mesh-maintenance", transitionCycle(wasm), { perCall: 5 });
  await time("transition (per event)", "plain JS", transitionCycle(reference), { perCall: 5 });
  await time("transition (per event)", "hand-written JS", transitionCycle(handwritten), { perCall: 5 });
  const actor = actorCycle();
  await time("transition (per event)", "XState actor.send", () => {
    for (let i = 0; i < 5; i++) actor.send({ ...events[i], now: times[i] });
  }, { perCall: 5 });

  const machines = { wasm: new wasm.Machine({ state: states[2] }), ref: new reference.Machine({ state: states[2] }) };
  const exit = events[2];
  await time("Machine.check", "mesh-maintenance", () => do_not_optimize(machines.wasm.check(exit, 100)));
  await time("Machine.check", "plain JS", () => do_not_optimize(machines.ref.check(exit, 100)));
  const inMaintenance = createActor(maintenanceMachine, {
    snapshot: maintenanceMachine.resolveState({ value: "Maintenance", context: { since: 0, deadline: null, reason: null } }),
  }).start();
  const snapshot = inMaintenance.getSnapshot();
  await time("Machine.check", "XState snapshot.can", () => do_not_optimize(snapshot.can({ ...exit, now: 100 })));

  const applyCycle = (machine) => () => {
    for (let i = 0; i < 5; i++) do_not_optimize(machine.apply(events[i], times[i]));
  };
  await time("Machine.apply (per event)", "mesh-maintenance", applyCycle(new wasm.Machine()), { perCall: 5 });
  await time("Machine.apply (per event)", "plain JS", applyCycle(new reference.Machine()), { perCall: 5 });
  await time("Machine.apply (per event)", "hand-written JS", applyCycle(new handwritten.Machine()), { perCall: 5 });
  const applyActor = actorCycle();
  await time("Machine.apply (per event)", "XState actor.send", () => {
    for (let i = 0; i < 5; i++) applyActor.send({ ...events[i], now: times[i] });
  }, { perCall: 5 });

  const buttons = new wasm.Machine({ state: states[4] });
  await time("Machine.allowedActions", "mesh-maintenance", () => do_not_optimize(buttons.allowedActions(100)));
}

async function bulkBenchmarks() {
  const objects = objectChain(1_000_000);
  await time("object replay, 1M entries", "mesh-maintenance", () => do_not_optimize(wasm.replay(objects)), { unit: "ms" });
  await time("object replay, 1M entries", "plain JS", () => do_not_optimize(reference.replay(objects)), { unit: "ms" });
  for (const n of [1_000_000, 10_000_000]) {
    const chain = packedChain(n, 11);
    const label = `packed replay, ${n / 1e6}M entries`;
    await time(label, "mesh-maintenance", () => do_not_optimize(wasm.replayPacked(chain)), { unit: "ms" });
    await time(label, "plain JS", () => do_not_optimize(reference.replayPacked(chain)), { unit: "ms" });
  }
  const fleet = packedFleet(100_000, 13);
  await time("fleet reconcile, 100k nodes", "mesh-maintenance", () => do_not_optimize(wasm.reconcileFleet(fleet, 900_000)), { unit: "ms" });
  await time("fleet reconcile, 100k nodes", "plain JS", () => do_not_optimize(reference.reconcileFleet(fleet, 900_000)), { unit: "ms" });
}

/** Compile, instantiate and first verdict, from the import, each in a fresh Node process; medians per entry. */
function coldStart() {
  const runs = quick ? 5 : 21;
  const rows = [];
  for (const entry of ["mesh-maintenance", "mesh-maintenance/full", "xstate", "handwritten"]) {
    const samples = [];
    for (let i = 0; i < runs; i++) {
      const out = execFileSync(process.execPath, [new URL("cold-start.mjs", import.meta.url).pathname, entry], { encoding: "utf8" });
      samples.push(JSON.parse(out));
    }
    const median = (key) => samples.map((s) => s[key]).sort((a, b) => a - b)[Math.floor(samples.length / 2)];
    const row = { entry, runs };
    for (const key of ["import", "compile", "instantiate", "firstCall", "total"]) row[key] = median(key);
    rows.push(row);
    console.log(`cold start ${entry.padEnd(22)} (median of ${runs} processes): import ${row.import.toFixed(2)} ms, compile ${row.compile.toFixed(2)} ms, instantiate ${row.instantiate.toFixed(2)} ms, first call ${row.firstCall.toFixed(2)} ms; import to first verdict ${row.total.toFixed(2)} ms`);
  }
  return rows;
}

function memory() {
  const probe = new URL("../tests/js/leak-probe.mjs", import.meta.url).pathname;
  const { calls, machines, stages } = JSON.parse(execFileSync(process.execPath, ["--expose-gc", probe, quick ? "--quick" : ""], { encoding: "utf8" }));
  const result = {
    "at start": stages.start,
    [`after ${calls / 1e6}M transition calls`]: stages.calls,
    [`after ${machines / 1e6}M Machine + free()`]: stages.freed,
    [`after ${machines / 1e6}M Machine + Symbol.dispose`]: stages.disposed,
    [`after ${machines / 1e6}M Machine left to the GC (batches of ${machines / 20 / 1e3}k)`]: stages.collected,
    [`after another ${calls / 1e6}M calls`]: stages.callsAgain,
  };
  console.log(`wasm memory: ${JSON.stringify(result)}`);
  return result;
}

function machineInfo() {
  const cpu = cpus();
  return {
    cpu: `${cpu[0]?.model ?? "unknown"} × ${cpu.length}`,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    v8: process.versions.v8,
    date: new Date().toISOString().slice(0, 10),
  };
}

const machine = machineInfo();
console.log(`machine: ${JSON.stringify(machine)}`);
const checked = checkReference();
console.log(`the plain-JS reference passes all ${checked} rule vectors and agrees on packed replay and fleet reconcile`);
await perCallBenchmarks();
await bulkBenchmarks();
const sizeRows = await sizes();
for (const r of sizeRows) console.log(`${r.name.padEnd(44)} ${r.total.gzip} B gzip -9 (JS ${r.js.gzip}${r.module ? ` + ${r.wasm} ${r.module.gzip}` : ""})`);
const start = coldStart();
const mem = memory();

const { writeReport } = await import("./report.mjs");
const report = writeReport({ machine, checked, results, sizeRows, start, mem, quick });
if (!quick) writeFileSync(new URL("BENCHMARKS.md", repo), report);
console.log(quick ? "(--quick: BENCHMARKS.md not written)" : "wrote BENCHMARKS.md");
