// Turns one run of bench/run.mjs into BENCHMARKS.md.

const fmt = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : ns >= 1e3 ? `${(ns / 1e3).toFixed(2)} µs` : `${ns.toFixed(1)} ns`);

function find(results, group, name) {
  return results.find((r) => r.group === group && r.name === name)?.p50;
}

function target(met, text) {
  return `| ${met ? "met" : "**missed**"} | ${text} |`;
}

import { readFileSync } from "node:fs";

export function writeReport({ machine, checked, results, sizeRows, start, mem }) {
  const groups = [...new Set(results.map((r) => r.group))];
  const table = [
    "| benchmark | contender | median | vs mesh-maintenance |",
    "| --- | --- | --- | --- |",
  ];
  for (const group of groups) {
    const ours = find(results, group, "mesh-maintenance");
    for (const r of results.filter((x) => x.group === group)) {
      const ratio = r.name === "mesh-maintenance" || ours === undefined ? "" : `${(r.p50 / ours).toFixed(2)}× the time`;
      table.push(`| ${group} | ${r.name} | ${fmt(r.p50)} | ${ratio} |`);
    }
  }

  const send = find(results, "transition (per event)", "XState actor.send");
  const ours = find(results, "transition (per event)", "mesh-maintenance");
  const packed1 = find(results, "packed replay, 1M entries", "mesh-maintenance");
  const packed10 = find(results, "packed replay, 10M entries", "mesh-maintenance");
  const packedJs = find(results, "packed replay, 10M entries", "plain JS");
  const fleet = find(results, "fleet reconcile, 100k nodes", "mesh-maintenance");
  const rate = (ns, n) => n / (ns / 1e9) / 1e6;
  const targets = [
    "| | target (this 2-core machine, ratios from the same run) |",
    "| --- | --- |",
    target(rate(packed10, 1e7) >= 100, `packed replay ≥ 100 M entries/s: ${rate(packed1, 1e6).toFixed(1)} M/s at 1M, ${rate(packed10, 1e7).toFixed(1)} M/s at 10M`),
    target(packedJs / packed10 >= 2, `packed replay ≥ 2× the plain-JS reference on the same input: ${(packedJs / packed10).toFixed(2)}×`),
    target(send / ours >= 10, `transition ≥ 10× the throughput of XState's actor.send: ${(send / ours).toFixed(1)}×`),
    target(ours <= 1000, `transition ≤ 1 µs median: ${fmt(ours)}`),
    target(fleet <= 5e6, `fleet reconcile of 100k nodes ≤ 5 ms: ${fmt(fleet)}`),
    target(start.total <= 2, `compile + instantiate ≤ 2 ms in Node: ${start.total.toFixed(2)} ms`),
  ];

  const sizeTable = ["| artifact | raw | gzip -9 | brotli 11 |", "| --- | --- | --- | --- |"];
  for (const r of sizeRows) sizeTable.push(`| ${r.name} | ${r.raw} B | ${r.gzip} B | ${r.brotli} B |`);

  const memTable = ["| stage | wasm memory |", "| --- | --- |"];
  for (const [stage, bytes] of Object.entries(mem)) memTable.push(`| ${stage} | ${(bytes / 2 ** 20).toFixed(2)} MiB |`);

  return `# Benchmarks

Every number below comes from one run of \`make bench\` (\`node bench/run.mjs\`),
on ${machine.date}, on this machine: ${machine.cpu}, ${machine.memory}, Node ${machine.node} (V8 ${machine.v8}).
Reproduce with \`make bench\`; it rewrites this file.

## Method

- **Contenders, same inputs.** \`mesh-maintenance\` is the built package (its
  \`bulk\` entry, which also carries the default entry's API). *plain JS* is
  \`bench/reference.mjs\`, the SPEC written directly in JavaScript the way a
  console team would; before anything is timed it must pass all ${checked}
  rule vectors and agree with the package on a packed chain and a fleet (it
  does no strict input validation, which only makes it faster). *XState* is
  \`bench/xstate-machine.mjs\`, XState v5 with the same states, the guarded
  forced exit and the deadline as context data.
- **Per-event timings** run a five-event cycle in which every event is a real
  transition (enter, drained and stopped, exit, healthy, ramp elapsed) and
  divide by five; \`transition\` is called with plain objects, as a console
  would. \`Machine.check\` is compared with XState's \`snapshot.can\`.
- **Bulk timings** replay the same chain (mostly full cycles, some failed
  drains with refused and forced exits, observed transitions) as objects and
  as typed-array columns, and reconcile a fleet in every state.
- **Timing** is mitata's \`measure\` (at least 0.5 s of samples per line); the
  table shows medians. **Cold start** is measured in ${start.runs} fresh Node
  processes: compile the default entry's wasm from bytes in memory,
  instantiate it, give the first verdict; medians. **Memory** is the wasm
  linear memory after each stage (\`bench/memory.mjs\`).

## Results

${table.join("\n")}

## Targets

${targets.join("\n")}

## Sizes

What a browser or an edge worker downloads (the size budgets of the test
command check the default entry: wasm ≤ 25 KB and JS ≤ 5 KB, gzip -9).

${sizeTable.join("\n")}

## Cold start (default entry, median of ${start.runs} processes)

| compile | instantiate | compile + instantiate | first verdict (from compile) |
| --- | --- | --- | --- |
| ${start.compile.toFixed(2)} ms | ${start.instantiate.toFixed(2)} ms | ${start.total.toFixed(2)} ms | ${start.firstVerdict.toFixed(2)} ms |

## Memory (wasm linear memory)

${memTable.join("\n")}

${readFileSync(new URL("ANALYSIS.md", import.meta.url), "utf8")}`;
}
