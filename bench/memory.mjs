// Wasm memory must stay flat: no leak per call or per Machine. Run with
// --expose-gc; prints the module's memory size at each stage, in bytes.
import { readFileSync } from "node:fs";
import { initSync, transition, Machine } from "../pkg/web/mesh_maintenance.js";

const quick = process.argv.includes("--quick");
const { memory } = initSync({ module: readFileSync(new URL("../pkg/web/mesh_maintenance_bg.wasm", import.meta.url)) });
const size = () => memory.buffer.byteLength;
const state = { kind: "Maintenance", since: 5 };
const event = { type: "ExitMaintenance" };

const result = { start: size() };
const calls = quick ? 1_000_000 : 10_000_000;
for (let i = 0; i < calls; i++) transition(state, event, i);
result[`after ${calls / 1e6}M transition calls`] = size();
const machines = quick ? 100_000 : 1_000_000;
for (let i = 0; i < machines; i++) new Machine({ state }).free();
result[`after ${machines / 1e6}M Machine + free()`] = size();
for (let i = 0; i < machines; i++) new Machine({ state });
globalThis.gc();
await new Promise((resolve) => setTimeout(resolve, 100));
globalThis.gc();
result[`after ${machines / 1e6}M Machine left to the GC`] = size();
for (let i = 0; i < calls; i++) transition(state, event, i);
result[`after another ${calls / 1e6}M calls`] = size();
console.log(JSON.stringify(result));
