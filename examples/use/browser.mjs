// Browsers, through a bundler (Vite, webpack, esbuild): the "browser" export
// fetches the wasm next to it before the module resolves; no init call.
import { Machine } from "mesh-maintenance";

const node = new Machine();
export const buttons = node.allowedActions(1_000); // { enterMaintenance: true, … }
