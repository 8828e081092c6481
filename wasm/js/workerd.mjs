// workerd / Cloudflare Workers: a `.wasm` import arrives compiled, as a
// WebAssembly.Module, so it is instantiated synchronously at module load.
import module from "./web/mesh_maintenance_wasm_bg.wasm";
import { initSync } from "./web/mesh_maintenance_wasm.js";

initSync({ module });

export * from "./api.js";
