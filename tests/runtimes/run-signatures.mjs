// Runs the signed-commit vectors (tests/vectors/signatures/commits.json)
// against the package in whichever runtime executes this file (Deno, Bun or
// Node), with that runtime's WebCrypto: prints the count on stderr and
// {runtime, count, failures, details} as JSON on stdout.
import { readFileSync } from "node:fs";

import * as api from "mesh-maintenance/full";
import { runSignatureVectors } from "../js/signatures.mjs";

const runtime = globalThis.Deno ? "deno" : globalThis.Bun ? "bun" : "node";
const doc = JSON.parse(readFileSync(new URL("../vectors/signatures/commits.json", import.meta.url), "utf8"));
const result = await runSignatureVectors(api, doc);
console.error(`${runtime}: ran ${result.count} signature vectors, ${result.failures.length} failed`);
console.log(JSON.stringify({ runtime, ...result }));
