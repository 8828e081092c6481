// The types of `mesh-maintenance/full` (also `/gate` and `/bulk`): every
// function of the package, on one module.
export * from "./index.js";
export * from "./gate.js";
export * from "./bulk.js";
