// workerd / Cloudflare Workers: a `.wasm` import arrives compiled, as a
// WebAssembly.Module, so it is instantiated synchronously at module load.
import module from "./web/mesh_maintenance_bg.wasm";
import { initSync } from "./web/mesh_maintenance.js";

initSync({ module });

import { prepareAdminCommit } from "./web/mesh_maintenance.js";
import { verifier } from "./verify.js";

export * from "./web/mesh_maintenance.js";
export const verifyAdminCommit = verifier(prepareAdminCommit);
