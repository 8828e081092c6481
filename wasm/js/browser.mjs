// Browsers and bundlers: the wasm is fetched next to this file, once, before
// the exports are usable (top-level await), so importers need no init call.
import init from "./web/mesh_maintenance_wasm.js";

await init({ module_or_path: new URL("./web/mesh_maintenance_wasm_bg.wasm", import.meta.url) });

export * from "./api.js";
