// What a page downloads, per entry and way of loading it: the page's
// JavaScript bundled and minified as a bundler ships it (esbuild, for
// browsers), so only what it imports counts, plus the .wasm it fetches
// (none for /inline, whose module is in the JavaScript). The same method as
// the size budgets of the test command (tests/js/size.test.mjs).
//   node bench/sizes.mjs   prints the table
import { readFileSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { build } from "esbuild";

const pkg = new URL("../pkg/", import.meta.url);
const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;
const brotli = (bytes) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

const machine = "globalThis.page = new Machine().allowedActions(0);";
/** [page, source, the .wasm it fetches or null]. */
export const PAGES = [
  ["Machine only: mesh-maintenance", `import { Machine } from "mesh-maintenance"; ${machine}`, "dist/rules.wasm"],
  ["Machine only: mesh-maintenance/slim", `import { init, Machine } from "mesh-maintenance/slim"; await init(); ${machine}`, "dist/rules.wasm"],
  ["Machine only: mesh-maintenance/inline", `import { init, Machine } from "mesh-maintenance/inline"; await init(); ${machine}`, null],
  ["every export: mesh-maintenance", `import * as api from "mesh-maintenance"; globalThis.page = api;`, "dist/rules.wasm"],
  ["every export: mesh-maintenance/full", `import * as api from "mesh-maintenance/full"; globalThis.page = api;`, "dist/full.wasm"],
  ["every export: mesh-maintenance/full/slim", `import * as api from "mesh-maintenance/full/slim"; await api.init(); globalThis.page = api;`, "dist/full.wasm"],
  ["every export: mesh-maintenance/full/inline", `import * as api from "mesh-maintenance/full/inline"; await api.init(); globalThis.page = api;`, null],
];

async function bundle(source) {
  const result = await build({
    stdin: { contents: source, resolveDir: new URL(".", import.meta.url).pathname, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0].contents;
}

/** One row per page: {name, wasm, js: {raw, gzip, brotli}, module: {…} | null, total: {gzip, brotli}}. */
export async function sizes() {
  const rows = [];
  for (const [name, source, wasmPath] of PAGES) {
    const js = await bundle(source);
    const wasm = wasmPath && readFileSync(new URL(wasmPath, pkg));
    const part = (bytes) => bytes && { raw: bytes.length, gzip: gzip(bytes), brotli: brotli(bytes) };
    const [j, m] = [part(js), part(wasm)];
    rows.push({ name, wasm: wasmPath, js: j, module: m, total: { gzip: j.gzip + (m?.gzip ?? 0), brotli: j.brotli + (m?.brotli ?? 0) } });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await sizes()) {
    console.log(`${r.name.padEnd(44)} JS ${r.js.raw} B (${r.js.gzip} gzip)${r.module ? ` + ${r.wasm} ${r.module.raw} B (${r.module.gzip} gzip)` : ""} = ${r.total.gzip} B gzip -9, ${r.total.brotli} B brotli`);
  }
}
