// Size budgets (deterministic, so they are tests; times live in the
// benchmark): what a browser or an edge worker downloads, gzip -9.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const pkg = new URL("../../pkg/", import.meta.url);
const gzipped = (file) => gzipSync(readFileSync(new URL(file, pkg)), { level: 9 }).length;
const KB = 1024;

// Raised from 25 KB when views, admission, the signing payload and signed
// commits landed (43 KB measured); the binding rebuild brings it to 16 KB.
test("the wasm module is at most 45 KB gzip -9", () => {
  const size = gzipped("web/mesh_maintenance_bg.wasm");
  console.log(`wasm: ${size} bytes gzip -9`);
  assert.ok(size <= 45 * KB, `${size} bytes`);
});

for (const entry of ["browser.mjs", "workerd.mjs"]) {
  test(`the ${entry} entry's JavaScript is at most 5 KB gzip -9`, () => {
    // Served as separate files, so each is compressed on its own.
    const size = [entry, "web/mesh_maintenance.js", "shapes.js", "verify.js"].map(gzipped).reduce((a, b) => a + b);
    console.log(`${entry} + glue + shapes.js + verify.js: ${size} bytes gzip -9`);
    assert.ok(size <= 5 * KB, `${size} bytes`);
  });
}
