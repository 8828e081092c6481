// The built package as a user receives it: its manifest, its files and
// its declarations.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const pkgDir = new URL("../../pkg/", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("package.json", pkgDir), "utf8"));
const read = (file) => readFileSync(new URL(file, pkgDir), "utf8");

test("every file the manifest points at exists, and only the loading entries have side effects", () => {
  const targets = [];
  const walk = (node) => (typeof node === "string" ? targets.push(node) : Object.values(node).forEach(walk));
  walk(manifest.exports);
  targets.push(manifest.main, manifest.module, manifest.types);
  for (const target of targets) assert.ok(existsSync(new URL(target, pkgDir)), target);
  // Without saying so, a bundler drops an auto-initializing entry's instantiation.
  assert.deepEqual(manifest.sideEffects, ["./dist/node/*", "./dist/cjs/*", "./dist/workerd/*", "./dist/browser/*"]);
});

/** The names a declaration file exports, following `export * from` to its siblings. */
function declared(file) {
  const text = read(file);
  const names = new Set([...text.matchAll(/^export (?:declare )?(?:function|class|const) (\w+)/gm)].map((m) => m[1]));
  for (const [, names2] of text.matchAll(/^export \{ ([\w, ]+) \} from/gm)) for (const n of names2.split(", ")) names.add(n);
  for (const [, sibling] of text.matchAll(/^export \* from "\.\/(\w+)\.c?js";/gm)) {
    for (const name of declared(`${sibling}.d.${file.endsWith(".d.cts") ? "cts" : "ts"}`)) names.add(name);
  }
  return names;
}

for (const [entry, types] of [["mesh-maintenance", "index"], ["mesh-maintenance/full", "full"]]) {
  test(`${entry}: the declarations have no \`any\` and name every runtime export, ESM and CJS alike`, async () => {
    const esm = Object.keys(await import(entry)).sort();
    const cjs = Object.keys(require(entry)).sort();
    assert.deepEqual(cjs, esm);
    for (const file of [`${types}.d.ts`, `${types}.d.cts`]) {
      assert.doesNotMatch(read(file), /\bany\b/, file);
      const names = declared(file);
      for (const name of esm) assert.ok(names.has(name), `${file} does not declare ${name}`);
      for (const name of names) assert.ok(esm.includes(name), `${file} declares ${name}, which ${entry} does not export`);
    }
  });
}

test("the declarations name every event type, state kind, condition, profile and code the module knows", async () => {
  // protocol.js is generated from the Rust tables: a kind added there and
  // forgotten in index.d.ts fails here.
  const declarations = read("index.d.ts");
  const protocol = await import(new URL("dist/protocol.js", pkgDir).href);
  // The members of a union written one `  | {...}` line each.
  const union = (name) => declarations.match(new RegExp(`export type ${name} =\\n((?:  \\| .*\\n)+)`))?.[1] ?? "";
  for (const type of protocol.EVENT_TYPES) assert.match(union("Event"), new RegExp(`type: "${type}"`), type);
  for (const kind of protocol.STATE_KINDS) assert.match(union("State"), new RegExp(`kind: "${kind}"`), kind);
  for (const name of protocol.CONDITIONS) assert.match(declarations, new RegExp(`\\b${name}\\?: boolean`), name);
  for (const profile of protocol.PROFILES) assert.match(declarations, new RegExp(`export type Profile = [^;]*"${profile}"`), profile);
  for (const code of protocol.REJECT_CODES) assert.match(declarations, new RegExp(`"${code}"`), code);
  for (const code of protocol.ERROR_CODES) assert.match(declarations, new RegExp(`"${code}"`), code);
  assert.equal(union("Event").match(/type: "/g).length, protocol.EVENT_TYPES.length, "no event type the module does not know");
  assert.equal(union("State").match(/kind: "/g).length, protocol.STATE_KINDS.length, "no state kind the module does not know");
});

test("/gate and /bulk are the full entry under the names of what they are for", async () => {
  for (const alias of ["mesh-maintenance/gate", "mesh-maintenance/bulk"]) {
    assert.equal(await import(alias), await import("mesh-maintenance/full"), alias);
    assert.equal(require(alias), require("mesh-maintenance/full"), alias);
  }
});

test("the CommonJS entries need no init call", () => {
  const { Machine } = require("mesh-maintenance");
  assert.deepEqual(new Machine().state, { kind: "Active" });
  const { fromView } = require("mesh-maintenance/full");
  assert.deepEqual(fromView({ kind: "Maintenance", sinceMs: 5n }, 10, "sdk"), { kind: "Maintenance", since: 5 });
});

test("a MaintenanceInputError is an instance of the class every entry exports, ESM and CJS alike", async () => {
  const classes = [
    (await import("mesh-maintenance")).MaintenanceInputError,
    (await import("mesh-maintenance/full")).MaintenanceInputError,
    require("mesh-maintenance").MaintenanceInputError,
    require("mesh-maintenance/full").MaintenanceInputError,
  ];
  const thrown = [];
  for (const load of [() => import("mesh-maintenance"), () => import("mesh-maintenance/full")]) {
    const { transition } = await load();
    assert.throws(() => transition({ kind: "Active" }, { type: "EnterMaintenance" }, -1), (error) => (thrown.push(error), true));
  }
  for (const entry of ["mesh-maintenance", "mesh-maintenance/full"]) {
    assert.throws(() => require(entry).transition({ kind: "Nope" }, { type: "EnterMaintenance" }, 1), (error) => (thrown.push(error), true));
  }
  for (const error of thrown) {
    for (const Class of classes) assert.ok(error instanceof Class, `${error.message} is not an instance`);
    assert.ok(require("mesh-maintenance").isMaintenanceInputError(error));
    assert.ok(error instanceof Error);
    assert.equal(error.name, "MaintenanceInputError");
    assert.match(error.code, /^INVALID_/);
    assert.ok(error.message.startsWith(`${error.path}: `));
  }
  assert.ok(!(new Error("x") instanceof classes[0]));
  assert.ok(!require("mesh-maintenance").isMaintenanceInputError({ name: "MaintenanceInputError" }));
});

test("an input error's stack starts at the caller, not inside the package", () => {
  const { transition } = require("mesh-maintenance");
  try {
    transition({ kind: "Active" }, { type: "EnterMaintenance" }, "soon");
    assert.fail("no error");
  } catch (error) {
    const top = error.stack.split("\n")[1];
    assert.match(top, /package\.test\.mjs/, `top frame: ${top}`);
  }
});

test("hints for the common mistakes: a Date, a bigint or a string for a time, a node id with leading zeros", async () => {
  const { transition } = await import("mesh-maintenance");
  const { adminSigningPayload } = await import("mesh-maintenance/full");
  const message = (fn) => {
    try {
      fn();
    } catch (error) {
      return error.message;
    }
    return "no error";
  };
  const active = { kind: "Active" }, enter = { type: "EnterMaintenance" };
  assert.equal(message(() => transition(active, enter, new Date(5))),
    "now: expected a non-negative safe integer, got a Date (use getTime() for its milliseconds)");
  assert.equal(message(() => transition(active, enter, 5n)),
    "now: expected a non-negative safe integer, got 5n (a bigint: convert it with Number())");
  assert.equal(message(() => transition(active, { type: "EnterMaintenance", drainForMs: "600000" }, 5)),
    'event.drainForMs: expected a non-negative safe integer, got "600000" (a string: pass the number itself)');
  assert.equal(message(() => adminSigningPayload({ type: "ExitMaintenance", node: "042" }, 5)),
    'command.node: expected a node id in 0 ..= 2^64 - 1 (a bigint or a decimal string), got "042" (no leading zeros: "42")');
});
