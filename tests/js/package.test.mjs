// The built package as a user receives it: its manifest, its files and
// its declarations.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const pkgDir = new URL("../../pkg/", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("package.json", pkgDir), "utf8"));

test("every file the manifest points at exists", () => {
  const targets = [];
  const walk = (node) => (typeof node === "string" ? targets.push(node) : Object.values(node).forEach(walk));
  walk(manifest.exports);
  targets.push(manifest.main, manifest.module, manifest.types);
  for (const target of targets) assert.ok(existsSync(new URL(target, pkgDir)), target);
  // Only the entries that instantiate the wasm have side effects; without
  // saying so, a bundler drops their `await init()`.
  const entries = ["browser.mjs", "node.mjs", "workerd.mjs"];
  assert.deepEqual(manifest.sideEffects, [...entries, ...entries.map((e) => `bulk/${e}`)].map((e) => `./${e}`));
});

for (const [entry, declarationFile] of [["mesh-maintenance", "index.d.ts"], ["mesh-maintenance/bulk", "bulk/index.d.ts"]]) {
  test(`${entry}: the declarations have no \`any\` and name every runtime export`, () => {
    const declarations = readFileSync(new URL(declarationFile, pkgDir), "utf8");
    assert.doesNotMatch(declarations, /\bany\b/);
    const runtime = Object.keys(require(entry)).sort();
    assert.ok(runtime.length >= 9, runtime.join(", "));
    for (const name of runtime) {
      assert.match(declarations, new RegExp(`export (function|class) ${name}\\b`), name);
    }
  });
}

test("the bulk entry is the default entry plus the columnar API", () => {
  const core = Object.keys(require("mesh-maintenance")).sort();
  const bulk = Object.keys(require("mesh-maintenance/bulk")).sort();
  assert.deepEqual(bulk.filter((name) => !core.includes(name)), ["reconcileFleet", "replayPacked"]);
  assert.deepEqual(core.filter((name) => !bulk.includes(name)), []);
});

test("the CommonJS entry needs no init call", () => {
  const { Machine } = require("mesh-maintenance");
  const machine = new Machine();
  assert.deepEqual(machine.state, { kind: "Active" });
  machine.free();
});
