// The package's types as TypeScript users get them: a fresh CommonJS project
// (`npm init -y`) and a fresh `"type": "module"` one, the package installed
// by name from the tarball of pkg/, and `tsc --noEmit` (the repository's
// pinned TypeScript) under `module` node16 and nodenext. Each project has a
// file of its own format and one of the other (.cts / .mts): a CommonJS file
// imports with `import x = require(…)` and `import { … } from`, both of
// which become require() and must read the .d.cts declarations; an ES
// module imports the default entry, /full, /gate, /bulk, /slim, /inline and
// /full/slim. A misspelt state kind must fail, in both formats, with exactly
// that error.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

import { PROJECT_TYPES, initProject, quote, repo, sh, tarball, tempDir } from "../bundlers/consumer.mjs";

const TSC = join(repo, "node_modules/.bin/tsc");
const MODULES = ["node16", "nodenext"];

/** A CommonJS file: both import forms compile to require(). */
const CJS = `// CommonJS: both forms compile to require() and read the .d.cts declarations.
import mm = require("mesh-maintenance");
import { Machine, MaintenanceInputError, isMaintenanceInputError, type State, type Verdict } from "mesh-maintenance";
import full = require("mesh-maintenance/full");

const active: State = { kind: "Active" };
const verdict: Verdict = mm.transition(active, { type: "EnterMaintenance", drainForMs: 5000 }, 1000);
const buttons: mm.AllowedActions = new Machine({ state: verdict.to }).allowedActions(1000);
const view: full.SdkView = full.toView(verdict.to, 2000, "sdk");
const payload: Uint8Array = full.adminSigningPayload({ type: "EnterMaintenance", node: "7", drainForMs: null }, 1000);
try {
  mm.transition(active, { type: "ExitMaintenance" }, -1);
} catch (error) {
  if (error instanceof MaintenanceInputError) {
    const code: mm.InputErrorCode = error.code;
    const path: string = error.path;
    void code, path;
  }
  if (isMaintenanceInputError(error)) void error.code;
}
void buttons, view, payload;
`;

/** An ES module: every entry, with the explicit init of /slim and /inline. */
const ESM = `// An ES module: the default entry, /full (and its aliases), /slim, /inline, /full/slim.
import { Machine, transition, type State } from "mesh-maintenance";
import { toView, replayPacked, MaintenanceInputError } from "mesh-maintenance/full";
import { verifyAdminCommit } from "mesh-maintenance/gate";
import { reconcileFleet } from "mesh-maintenance/bulk";
import { init, isValidSuccessor } from "mesh-maintenance/slim";
import { init as initInline, replay } from "mesh-maintenance/inline";
import { init as initFull, prepareAdminCommit } from "mesh-maintenance/full/slim";
import { init as initFullInline, fromView } from "mesh-maintenance/full/inline";

await init(new URL("https://example.invalid/rules.wasm"));
await initInline();
await initFull();
await initFullInline();
const active: State = { kind: "Active" };
const entering: State = transition(active, { type: "EnterMaintenance" }, 1000).to;
const ok: boolean = isValidSuccessor(active, entering);
const machine = new Machine({ state: entering });
machine.apply({ type: "Reconcile", conditions: { replicasDrained: true } }, 2000);
const state: State = fromView(toView(machine.state, 3000, "snapshot"), 3000, "snapshot");
const result = replay([{ at: 1, event: { type: "EnterMaintenance" } }]);
void ok, state, result, replayPacked, reconcileFleet, verifyAdminCommit, prepareAdminCommit, MaintenanceInputError;
`;

/** The deliberate error, in each format: a misspelt state kind. */
const TYPO_CJS = `import mm = require("mesh-maintenance");\nexport const typo: mm.State = { kind: "Activ" };\n`;
const TYPO_ESM = `import type { State } from "mesh-maintenance/full";\nexport const typo: State = { kind: "Activ" };\n`;

/** Each project's files: its own format as .ts, the other as .cts or .mts. */
const FILES = {
  commonjs: { "index.ts": CJS, "other.mts": ESM },
  module: { "index.ts": ESM, "other.cts": CJS },
};
const TYPOS = { "typo.cts": TYPO_CJS, "typo.mts": TYPO_ESM };

const work = tempDir("mesh-types-");
const projects = {};

before(async () => {
  const packed = await tarball(work.dir);
  for (const type of PROJECT_TYPES) {
    const dir = join(work.dir, type);
    mkdirSync(dir);
    await initProject(dir, type);
    const { code, output } = await sh(`npm install ${quote(packed)}`, dir, { timeout: 120_000 });
    assert.equal(code, 0, output);
    for (const [name, text] of Object.entries({ ...FILES[type], ...TYPOS })) writeFileSync(join(dir, name), text);
    projects[type] = dir;
  }
});

after(() => {
  if (!process.env.MESH_KEEP_CONSUMERS) work.remove();
});

/** `tsc --noEmit` over `files` in `dir` under `module`; resolves {code, output}. */
function tsc(dir, module, files, extra = {}) {
  const config = {
    compilerOptions: {
      target: "es2022", module, moduleResolution: module, strict: true, noEmit: true,
      skipLibCheck: false, types: [], ...extra,
    },
    files,
  };
  writeFileSync(join(dir, "tsconfig.json"), `${JSON.stringify(config, null, 2)}\n`);
  return sh(`${quote(TSC)} -p tsconfig.json --listFiles`, dir, { timeout: 120_000 });
}

/** The diagnostics in tsc's output: [{file, code}]. */
const diagnostics = (output) =>
  [...output.matchAll(/^(\S+?)\(\d+,\d+\): error (TS\d+)/gm)].map(([, file, code]) => ({ file, code }));

for (const type of PROJECT_TYPES) {
  describe(`TypeScript in a "type": "${type}" project`, () => {
    for (const module of MODULES) {
      test(`module ${module}: CommonJS and ES module files type-check; require() reads the .d.cts`, async () => {
        const dir = projects[type];
        const { code, output } = await tsc(dir, module, Object.keys(FILES[type]));
        assert.deepEqual(diagnostics(output), [], output);
        assert.equal(code, 0, output);
        const read = (file) => output.includes(join(dir, "node_modules/mesh-maintenance", file));
        for (const file of ["index.d.cts", "full.d.cts", "index.d.ts", "full.d.ts", "index.slim.d.ts", "index.inline.d.ts", "full.slim.d.ts", "full.inline.d.ts"]) {
          assert.ok(read(file), `tsc read no ${file}:\n${output}`);
        }
      });

      test(`module ${module}: a misspelt kind fails, in the CommonJS and the ES module file`, async () => {
        const dir = projects[type];
        const { code, output } = await tsc(dir, module, [...Object.keys(FILES[type]), ...Object.keys(TYPOS)]);
        assert.notEqual(code, 0, output);
        // TS2820 is TS2322 (not assignable) with a "Did you mean" hint.
        const found = diagnostics(output).map(({ file, code }) => ({ file, code: code === "TS2820" ? "TS2322" : code }));
        assert.deepEqual(found, [{ file: "typo.cts", code: "TS2322" }, { file: "typo.mts", code: "TS2322" }], output);
        assert.match(output, /typo\.cts\(2,\d+\): error TS\d+: Type '"Activ"' is not assignable/);
        assert.match(output, /typo\.mts\(2,\d+\): error TS\d+: Type '"Activ"' is not assignable/);
      });
    }

    test("a Node project without the DOM's types (lib es2022) type-checks the CommonJS file", async () => {
      const dir = projects[type];
      const cjs = Object.keys(FILES[type]).find((file) => FILES[type][file] === CJS);
      const { code, output } = await tsc(dir, "nodenext", [cjs], { lib: ["es2022"] });
      assert.deepEqual(diagnostics(output), [], output);
      assert.equal(code, 0, output);
    });
  });
}

// The check above can fail for the reason the issue found: with `require`
// handed the ES module declarations (no .d.cts), node16 refuses the
// CommonJS file (TS1471 for `import = require`, TS1479 for `import from`).
test("control: with types.require pointing at the .d.ts, node16 rejects the CommonJS file", async () => {
  const dir = projects.commonjs;
  const manifest = join(dir, "node_modules/mesh-maintenance/package.json");
  const original = readFileSync(manifest, "utf8");
  const altered = JSON.parse(original);
  for (const entry of Object.values(altered.exports)) {
    if (entry?.types?.require) entry.types = entry.types.import;
  }
  writeFileSync(manifest, JSON.stringify(altered));
  try {
    const { code, output } = await tsc(dir, "node16", ["index.ts"]);
    assert.notEqual(code, 0, output);
    const codes = new Set(diagnostics(output).map((d) => d.code));
    assert.deepEqual([...codes].sort(), ["TS1471", "TS1479"], output);
  } finally {
    writeFileSync(manifest, original);
  }
});
