// The package as the vector runner takes it: one object of functions. The
// full entry has them all, imported as an ES module and through require(),
// exactly as a user would; the default entry (the rules alone) is run by
// node.test.mjs in a worker of its own, since both entries share the
// rules' binding within one module graph.
import { createRequire } from "node:module";
import * as full from "mesh-maintenance/full";

/** Every export of the full entry, as an ES module. */
export const esm = { ...full };
/** Every export of the full entry, through require(). */
export const cjs = { ...createRequire(import.meta.url)("mesh-maintenance/full") };

/** The vector files that only the rules' functions run (no views, no payloads). */
export const RULES_ONLY = (vectors) =>
  Object.fromEntries(Object.entries(vectors).filter(([file]) => !["views", "payload"].includes(file)));
