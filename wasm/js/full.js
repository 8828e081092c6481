// Every function of the package, on one module: the rules, the gate
// (views, signing, registries) and the columns.
export * from "./rules.js";
export * from "./gate.js";
export * from "./bulk.js";
