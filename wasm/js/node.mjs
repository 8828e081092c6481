// Node, Deno and Bun as ES modules: the wasm is read next to this file and
// instantiated synchronously, so importers need no init call.
import { readFileSync } from "node:fs";
import { initSync } from "./web/mesh_maintenance_wasm.js";

initSync({ module: readFileSync(new URL("./web/mesh_maintenance_wasm_bg.wasm", import.meta.url)) });

export * from "./api.js";
