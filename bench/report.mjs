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

  const group = (g) => (name) => find(results, g, name);
  const tr = group("transition (per event)"), ap = group("Machine.apply (per event)");
  const p1 = group("packed replay, 1M entries"), p10 = group("packed replay, 10M entries"), fl = group("fleet reconcile, 100k nodes");
  const ours = "mesh-maintenance", hand = "hand-written JS", js = "plain JS", send = "XState actor.send";
  const wasm = sizeRows.find((r) => r.name.startsWith("wasm"));
  const x = (n) => `${n.toFixed(2)}×`;
  const targets = [
    "| | target (this 2-core machine, ratios from the same run) |",
    "| --- | --- |",
    target(tr(ours) / tr(hand) <= 4, `\`transition\` ≤ 4× the hand-written JS time: ${x(tr(ours) / tr(hand))} (${fmt(tr(ours))} vs ${fmt(tr(hand))})`),
    target(ap(ours) / ap(hand) <= 4, `\`Machine.apply\` ≤ 4× the hand-written JS time: ${x(ap(ours) / ap(hand))} (${fmt(ap(ours))} vs ${fmt(ap(hand))})`),
    target(tr(send) / tr(ours) >= 50, `\`transition\` ≥ 50× XState's \`actor.send\`: ${x(tr(send) / tr(ours))}`),
    target(ap(send) / ap(ours) >= 50, `\`Machine.apply\` ≥ 50× XState's \`actor.send\`: ${x(ap(send) / ap(ours))}`),
    target(p1(js) / p1(ours) >= 1.5, `packed replay (1M) ≥ 1.5× faster than the JS loop: ${x(p1(js) / p1(ours))}`),
    target(p10(js) / p10(ours) >= 1.5, `packed replay (10M) ≥ 1.5× faster than the JS loop: ${x(p10(js) / p10(ours))}`),
    target(fl(js) / fl(ours) >= 1.5, `fleet reconcile of 100k nodes ≥ 1.5× faster than the JS loop: ${x(fl(js) / fl(ours))}`),
    target(wasm.gzip <= 16 * 1024, `wasm ≤ 16 KB gzip -9: ${(wasm.gzip / 1024).toFixed(1)} KB`),
    target(true, "bulk ≤ 20 KB or merged: merged (one module serves both entries)"),
    target(start.total <= 1.5, `compile + instantiate ≤ 1.5 ms in Node: ${start.total.toFixed(2)} ms`),
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

- **Contenders, same inputs.** \`mesh-maintenance\` is the built package.
  *hand-written JS* is \`bench/handwritten.mjs\`, the strict rules written as
  tightly as JavaScript allows (a switch per event, the input reused as
  \`from\`, no validation); *plain JS* is \`bench/reference.mjs\`, the SPEC
  written the way a console team would, with tight loops over the packed
  columns. Before anything is timed both must pass all ${checked} rule
  vectors, and the reference must agree with the package on a packed chain
  and a fleet (neither does strict input validation, which only makes them
  faster). *XState* is
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
  processes: compile the package's wasm from bytes in memory,
  instantiate it, give the first verdict; medians. **Memory** is the wasm
  linear memory after each stage (\`bench/memory.mjs\`).

## Results

${table.join("\n")}

## Targets

${targets.join("\n")}

## Sizes

What a browser or an edge worker downloads (the size budgets of the test
command: wasm ≤ 56 KB and an entry's JavaScript ≤ 10 KB, gzip -9).

${sizeTable.join("\n")}

## Cold start (median of ${start.runs} processes)

| compile | instantiate | compile + instantiate | first verdict (from compile) |
| --- | --- | --- | --- |
| ${start.compile.toFixed(2)} ms | ${start.instantiate.toFixed(2)} ms | ${start.total.toFixed(2)} ms | ${start.firstVerdict.toFixed(2)} ms |

## Memory (wasm linear memory)

${memTable.join("\n")}

${readFileSync(new URL("ANALYSIS.md", import.meta.url), "utf8")}`;
}
