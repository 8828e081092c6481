// Browsers and bundlers: the wasm is fetched next to this file, once, before
// the exports are usable (top-level await), so importers need no init call.
import init from "./web/mesh_maintenance.js";

await init({ module_or_path: new URL("./web/mesh_maintenance_bg.wasm", import.meta.url) });

import { prepareAdminCommit } from "./web/mesh_maintenance.js";
import { verifier } from "./verify.js";

export * from "./web/mesh_maintenance.js";
export const verifyAdminCommit = verifier(prepareAdminCommit);
