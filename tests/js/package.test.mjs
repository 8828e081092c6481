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
  assert.deepEqual(manifest.sideEffects, ["./browser.mjs", "./node.mjs", "./workerd.mjs", "./node.cjs"]);
});

test("the declarations have no `any` and name every runtime export, ESM and CJS alike", async () => {
  const declarations = readFileSync(new URL("index.d.ts", pkgDir), "utf8");
  assert.doesNotMatch(declarations, /\bany\b/);
  const cjs = Object.keys(require("mesh-maintenance")).sort();
  const esm = Object.keys(await import("mesh-maintenance")).sort();
  assert.deepEqual(cjs, esm);
  assert.ok(esm.length >= 18, esm.join(", "));
  for (const name of esm) {
    assert.match(declarations, new RegExp(`export (function|class|const) ${name}\\b`), name);
  }
});

test("the declarations name every event type, state kind, condition, profile and code the module knows", async () => {
  // protocol.js is generated from the Rust tables: a kind added there and
  // forgotten in index.d.ts fails here.
  const declarations = readFileSync(new URL("index.d.ts", pkgDir), "utf8");
  const protocol = await import(new URL("protocol.js", pkgDir).href);
  // The members of a union written one `  | {...}` line each.
  const union = (name) => declarations.match(new RegExp(`export type ${name} =\\n((?:  \\| .*\\n)+)`))?.[1] ?? "";
  for (const type of protocol.EVENT_TYPES) assert.match(union("Event"), new RegExp(`type: "${type}"`), type);
  for (const kind of protocol.STATE_KINDS) assert.match(union("State"), new RegExp(`kind: "${kind}"`), kind);
  for (const name of protocol.CONDITIONS) assert.match(declarations, new RegExp(`\\b${name}\\?: boolean`), name);
  for (const profile of protocol.PROFILES) assert.match(declarations, new RegExp(`export type Profile = [^;]*"${profile}"`), profile);
  for (const code of protocol.REJECT_CODES) assert.match(declarations, new RegExp(`"${code}"`), code);
  assert.equal(union("Event").match(/type: "/g).length, protocol.EVENT_TYPES.length, "no event type the module does not know");
  assert.equal(union("State").match(/kind: "/g).length, protocol.STATE_KINDS.length, "no state kind the module does not know");
});

test("one module serves both entries: mesh-maintenance/bulk is the default entry", async () => {
  assert.equal(require("mesh-maintenance/bulk"), require("mesh-maintenance"));
  assert.equal(await import("mesh-maintenance/bulk"), await import("mesh-maintenance"));
  assert.equal(typeof require("mesh-maintenance").replayPacked, "function");
});

test("the CommonJS entry needs no init call", () => {
  const { Machine } = require("mesh-maintenance");
  const machine = new Machine();
  assert.deepEqual(machine.state, { kind: "Active" });
  machine.free();
});
