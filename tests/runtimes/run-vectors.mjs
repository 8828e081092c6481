// Runs the conformance vectors against the package in whichever runtime
// executes this file (Deno, Bun or Node): prints the count on stderr and
// {runtime, count, failures, details} as JSON on stdout.
import * as api from "mesh-maintenance";
import { runVectors } from "../js/conformance.mjs";
import { loadVectors } from "../js/vectors.mjs";

const runtime = globalThis.Deno ? "deno" : globalThis.Bun ? "bun" : "node";
const result = runVectors(api, loadVectors());
console.error(`${runtime}: ran ${result.count} conformance vectors, ${result.failures.length} failed`);
console.log(JSON.stringify({ runtime, ...result }));
