// The cost of the boundary: the same `transition` through the fast path (one
// crossing with numbers, js/api.js building the objects) and through the slow
// path (the JsValues read field by field with Reflect, as serde-wasm-bindgen
// reads them). `node bench/boundary.mjs` after `make pkg`.
import { measure, do_not_optimize } from "mitata";
import * as api from "mesh-maintenance";
import * as raw from "../pkg/web/mesh_maintenance_wasm.js";
import { cycle } from "./inputs.mjs";

const { states, events, times } = cycle;
api.transition(states[0], events[0], times[0]); // installs the slow path's readers
const per = async (fn) => (await measure(() => { for (let i = 0; i < 5; i++) do_not_optimize(fn(i)); }, { min_cpu_time: 500e6 })).p50 / 5;
const fast = await per((i) => api.transition(states[i], events[i], times[i]));
const slow = await per((i) => raw.slowTransition(states[i], events[i], times[i], undefined));
console.log(JSON.stringify({ fastNs: Math.round(fast), slowNs: Math.round(slow) }));
