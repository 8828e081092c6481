// Runs the conformance vectors against the package in whichever runtime
// executes this file (Deno, Bun or Node), imported by name through the entry
// given as the argument: `mesh-maintenance/full` (the default: every vector)
// or `mesh-maintenance` (the rules alone: the rules' vectors). Prints the
// count on stderr and {runtime, entry, count, failures, details} as JSON on stdout.
import { runVectors } from "../js/conformance.mjs";
import { loadVectors } from "../js/vectors.mjs";

const runtime = globalThis.Deno ? "deno" : globalThis.Bun ? "bun" : "node";
const entry = (globalThis.Deno?.args ?? process.argv.slice(2))[0] ?? "mesh-maintenance/full";
const vectors = loadVectors();
const files = entry === "mesh-maintenance"
  ? Object.fromEntries(Object.entries(vectors).filter(([file]) => !["views", "payload"].includes(file)))
  : vectors;
const api = entry === "mesh-maintenance" ? await import("mesh-maintenance") : await import("mesh-maintenance/full");
const result = runVectors({ ...api }, files);
console.error(`${runtime} (${entry}): ran ${result.count} conformance vectors, ${result.failures.length} failed`);
console.log(JSON.stringify({ runtime, entry, ...result }));
