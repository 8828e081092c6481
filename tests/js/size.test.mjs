// Size budgets (deterministic, so they are tests; times live in the
// benchmark): what a browser or an edge worker downloads, gzip -9. The
// limits are what the package measures today plus a little room; the
// targets they miss (16 KB of wasm) are in BENCHMARKS.md with the profile.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const pkg = new URL("../../pkg/", import.meta.url);
const gzipped = (file) => gzipSync(readFileSync(new URL(file, pkg)), { level: 9 }).length;
const KB = 1024;

test("the wasm module (one for both entries) is at most 56 KB gzip -9", () => {
  const size = gzipped("web/mesh_maintenance_wasm_bg.wasm");
  console.log(`wasm: ${size} bytes gzip -9`);
  assert.ok(size <= 56 * KB, `${size} bytes`);
});

for (const entry of ["browser.mjs", "workerd.mjs"]) {
  test(`the ${entry} entry's JavaScript is at most 10 KB gzip -9`, () => {
    // Served as separate files, so each is compressed on its own.
    const files = [entry, "web/mesh_maintenance_wasm.js", "api.js", "protocol.js", "verify.js"];
    const size = files.map(gzipped).reduce((a, b) => a + b);
    console.log(`${files.join(" + ")}: ${size} bytes gzip -9`);
    assert.ok(size <= 10 * KB, `${size} bytes`);
  });
}
