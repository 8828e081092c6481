// Size budgets (deterministic, so they are tests; times live in the
// benchmark): everything a page downloads, gzip -9, measured by
// bench/sizes.mjs (a page bundled the way a user's bundler would, esbuild,
// minified, for browsers, so only what it imports counts; its wasm whole).
//   - a page that imports only `Machine` (the default entry): <= 24 KB
//   - a page that uses every export of the full entry: <= 45 KB
// The npm README states both; SIZES_BLESS=1 rewrites its numbers.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";

import { sizes } from "../../bench/sizes.mjs";

const KB = 1024;
/** The pages with a budget, by bench/sizes.mjs's names (one method for both). */
const BUDGETS = {
  "Machine only: mesh-maintenance": 24 * KB,
  "every export: mesh-maintenance/full": 45 * KB,
};
const all = await sizes();
const rows = Object.keys(BUDGETS).map((name) => ({ ...all.find((row) => row.name === name), budget: BUDGETS[name] }));

/** The npm README's sizes: each page's total, in KB with one decimal. */
const README = new URL("../../docs/README.npm.md", import.meta.url);
const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;
const STATED = [
  [rows[0], (size) => `| ${size} for a page that uses only \`Machine\` |`],
  [rows[1], (size) => `| ${size} for a page that uses every export |`],
];
test("the npm README states the sizes this test measures", () => {
  let readme = readFileSync(README, "utf8");
  for (const [row, cell] of STATED) {
    const pattern = new RegExp(cell("[0-9.]+ KB").replace(/[|`]/g, "\\$&"));
    const stated = readme.match(pattern)?.[0];
    assert.ok(stated, `the README has no cell like ${cell("N KB")}`);
    if (process.env.SIZES_BLESS) readme = readme.replace(stated, cell(kb(row.total.gzip)));
    else assert.equal(stated, cell(kb(row.total.gzip)), "SIZES_BLESS=1 rewrites the README's sizes");
  }
  if (process.env.SIZES_BLESS) writeFileSync(README, readme);
});

for (const row of rows) {
  console.log(`${row.name}: JS ${row.js.raw} B (${row.js.gzip} gzip) + ${row.wasm} ${row.module.raw} B (${row.module.gzip} gzip) = ${row.total.gzip} B gzip -9`);
  test(`${row.name} downloads at most ${row.budget / KB} KB gzip -9`, () => {
    assert.ok(row.total.gzip <= row.budget, `${row.total.gzip} bytes`);
  });
}
