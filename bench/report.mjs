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
  const x = (n) => `${n.toFixed(2)}×`;
  const KB = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
  const page = (name) => sizeRows.find((r) => r.name === name);
  const machinePage = page("Machine only: mesh-maintenance"), fullPage = page("every export: mesh-maintenance/full");
  const cold = (entry) => start.find((r) => r.entry === entry);
  const rulesStart = cold("mesh-maintenance"), xstateStart = cold("xstate");
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
    target(machinePage.total.gzip <= 24 * 1024, `a page importing only \`Machine\` ≤ 24 KB gzip -9 (wasm + JS; moonshot 16 KB): ${KB(machinePage.total.gzip)}`),
    target(fullPage.total.gzip <= 45 * 1024, `everything (\`mesh-maintenance/full\`) ≤ 45 KB gzip -9: ${KB(fullPage.total.gzip)}`),
    target(rulesStart.total <= 8, `import to first verdict of the default entry ≤ 8 ms in a fresh Node process: ${rulesStart.total.toFixed(2)} ms (XState's cold path in the same run: ${xstateStart.total.toFixed(2)} ms)`),
    target(rulesStart.compile + rulesStart.instantiate <= 1.5, `compile + instantiate of the default entry's module ≤ 1.5 ms in Node: ${(rulesStart.compile + rulesStart.instantiate).toFixed(2)} ms`),
  ];

  const sizeTable = [
    "| page | JavaScript (raw / gzip -9) | wasm (raw / gzip -9) | total gzip -9 | total brotli 11 |",
    "| --- | --- | --- | --- | --- |",
  ];
  for (const r of sizeRows) {
    const wasm = r.module ? `\`${r.wasm.replace("dist/", "")}\` ${r.module.raw} B / ${r.module.gzip} B` : "in the JavaScript";
    sizeTable.push(`| ${r.name} | ${r.js.raw} B / ${r.js.gzip} B | ${wasm} | ${r.total.gzip} B | ${r.total.brotli} B |`);
  }
  const coldTable = [
    "| entry | import | compile | instantiate | first call | import to first verdict |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  const ms = (n) => `${n.toFixed(2)} ms`;
  for (const r of start) coldTable.push(`| ${r.entry} | ${ms(r.import)} | ${ms(r.compile)} | ${ms(r.instantiate)} | ${ms(r.firstCall)} | ${ms(r.total)} |`);

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
  table shows medians. **Cold start** (\`bench/cold-start.mjs\`) is measured
  in ${start[0].runs} fresh Node processes per entry: from \`import()\` of the entry
  to its first verdict; \`compile\` and \`instantiate\` are the time spent in
  \`WebAssembly.Module\` and \`WebAssembly.Instance\` during the import (timed
  by wrapping the two constructors), \`import\` the rest of it (resolving,
  reading and evaluating the JavaScript, reading the \`.wasm\`); medians of
  each column. XState (its import, \`bench/xstate-machine.mjs\`, the first
  \`send\`) and the hand-written JS are measured the same way. **Sizes**
  (\`bench/sizes.mjs\`) are what a page downloads: its JavaScript bundled and
  minified by esbuild for browsers, plus the \`.wasm\` it fetches. **Memory**
  is the wasm linear memory after each stage (\`tests/js/leak-probe.mjs\`).

## Results

${table.join("\n")}

## Targets

${targets.join("\n")}

## Sizes

What a page downloads, per entry and way of loading it (the size budgets of
the test command: a page importing only \`Machine\` ≤ 24 KB and everything ≤
45 KB, gzip -9 of wasm and JavaScript together).

${sizeTable.join("\n")}

## Cold start (median of ${start[0].runs} processes per entry)

${coldTable.join("\n")}

## Memory (wasm linear memory)

${memTable.join("\n")}

${readFileSync(new URL("ANALYSIS.md", import.meta.url), "utf8")}`;
}
