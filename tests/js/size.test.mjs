// Size budgets (deterministic, so they are tests; times live in the
// benchmark): everything a page downloads, gzip -9. A page is bundled the
// way a user's bundler would (esbuild, minified, for browsers), so only
// what it imports is counted; its wasm is counted whole.
//   - a page that imports only `Machine` (the default entry): <= 24 KB
//   - a page that uses every export of the full entry: <= 45 KB
// `node tests/js/size.test.mjs` prints the table BENCHMARKS.md reports.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { build } from "esbuild";

const KB = 1024;
const pkg = new URL("../../pkg/", import.meta.url);
const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;
const brotli = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** A page's JavaScript, bundled and minified as a bundler would ship it. */
async function bundle(source) {
  const result = await build({
    stdin: { contents: source, resolveDir: new URL("..", import.meta.url).pathname, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0].contents;
}

const PAGES = {
  "Machine only (mesh-maintenance)": {
    source: `import { Machine } from "mesh-maintenance"; globalThis.page = new Machine().allowedActions(0);`,
    wasm: "dist/rules.wasm",
    budget: 24 * KB,
  },
  "the rules (every export of mesh-maintenance)": {
    source: `import * as api from "mesh-maintenance"; globalThis.page = api;`,
    wasm: "dist/rules.wasm",
  },
  "everything (every export of mesh-maintenance/full)": {
    source: `import * as api from "mesh-maintenance/full"; globalThis.page = api;`,
    wasm: "dist/full.wasm",
    budget: 45 * KB,
  },
};

/** [page, js, wasm, total] rows of raw, gzip -9 and brotli sizes. */
export async function measure() {
  const rows = [];
  for (const [name, page] of Object.entries(PAGES)) {
    const js = await bundle(page.source);
    const wasm = readFileSync(new URL(page.wasm, pkg));
    rows.push({
      name,
      wasm: page.wasm,
      budget: page.budget,
      js: { raw: js.length, gzip: gzip(js), brotli: brotli(js) },
      module: { raw: wasm.length, gzip: gzip(wasm), brotli: brotli(wasm) },
      total: { gzip: gzip(js) + gzip(wasm), brotli: brotli(js) + brotli(wasm) },
    });
  }
  return rows;
}

const rows = await measure();

/** The npm README's sizes: each page's total, in KB with one decimal. */
const README = new URL("../../docs/README.npm.md", import.meta.url);
const kb = (bytes) => `${(bytes / KB).toFixed(1)} KB`;
const STATED = [
  [rows[0], (size) => `| ${size} for a page that uses only \`Machine\` |`],
  [rows[2], (size) => `| ${size} for a page that uses every export |`],
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
  if (row.budget === undefined) continue;
  test(`${row.name} downloads at most ${row.budget / KB} KB gzip -9`, () => {
    assert.ok(row.total.gzip <= row.budget, `${row.total.gzip} bytes`);
  });
}
