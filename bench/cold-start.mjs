// One cold start, in a fresh process: compile and instantiate the default
// entry's wasm from bytes already in memory, then the first verdict.
import { readFileSync } from "node:fs";
import { initSync } from "../pkg/web/mesh_maintenance_wasm.js";
import { transition } from "../pkg/api.js";

const bytes = readFileSync(new URL("../pkg/web/mesh_maintenance_wasm_bg.wasm", import.meta.url));
const t0 = performance.now();
const module = new WebAssembly.Module(bytes);
const t1 = performance.now();
initSync({ module });
const t2 = performance.now();
transition({ kind: "Active" }, { type: "EnterMaintenance" }, 0);
const t3 = performance.now();
console.log(JSON.stringify({ compile: t1 - t0, instantiate: t2 - t1, total: t2 - t0, firstVerdict: t3 - t0 }));
