// Node as CommonJS: scripts/build-pkg.sh bundles this file with api.js and the
// glue into node.cjs (its own instance of the module, as require() expects).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { initSync } from "./web/mesh_maintenance_wasm.js";

// `__dirname` is CommonJS's: the bundle is CommonJS.
initSync({ module: readFileSync(join(__dirname, "web", "mesh_maintenance_wasm_bg.wasm")) });

export * from "./api.js";
