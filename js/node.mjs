// Node, Deno and Bun as ES modules: the wasm is read next to this file and
// instantiated synchronously, so importers need no init call.
import { readFileSync } from "node:fs";
import { initSync } from "./web/mesh_maintenance.js";

initSync({ module: readFileSync(new URL("./web/mesh_maintenance_bg.wasm", import.meta.url)) });

import { prepareAdminCommit } from "./web/mesh_maintenance.js";
import { verifier } from "./verify.js";

export * from "./web/mesh_maintenance.js";
export const verifyAdminCommit = verifier(prepareAdminCommit);
