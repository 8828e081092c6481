// The bundler matrix: each recipe of docs/README.npm.md ("## Bundlers"), run
// as written in a fresh CommonJS project (`npm init -y`) and a fresh
// `"type": "module"` one, with the package installed by name from the
// tarball of pkg/; the built page served on 127.0.0.1 and loaded in
// Chromium, where it must show the verdict, the buttons and the input
// error's code the package computes here in Node for the same input.
// Prints the matrix (bundler × project type) at the end.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";

import { Machine, MaintenanceInputError, transition } from "mesh-maintenance";
import { PROJECT_TYPES, initProject, pinnedInstall, serve, sh, tarball, tempDir } from "./consumer.mjs";
import { recipes } from "./recipes.mjs";

const CHROMIUM_ARGS = [
  "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
];

const RECIPES = recipes();
const work = tempDir("mesh-bundlers-");
let packed;
let browser;
const matrix = new Map(); // bundler name -> { [type]: "ok" | "FAILED" }

before(async () => {
  packed = await tarball(work.dir);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  if (!process.env.MESH_KEEP_CONSUMERS) work.remove();
  const rows = RECIPES.map((recipe) => [
    recipe.name, ...PROJECT_TYPES.map((type) => matrix.get(recipe.name)?.[type] ?? "not run"), recipe.imported.join(", "), recipe.build,
  ]);
  const header = ["bundler", ...PROJECT_TYPES.map((type) => `"type": "${type}"`), "entry", "build"];
  const widths = header.map((_, i) => Math.max(...[header, ...rows].map((row) => row[i].length)));
  const line = (row) => `| ${row.map((cell, i) => cell.padEnd(widths[i])).join(" | ")} |`;
  console.log(["", "bundler matrix (Chromium):", line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n"));
});

/** The script a recipe block is, with its installs from the tarball and the pinned versions. */
function runnable(recipe) {
  return recipe.script
    .split("\n")
    .map((line) => (recipe.installs.includes(line) ? pinnedInstall(line, packed) : line))
    .join("\n");
}

/** What the README's page must show, computed here by the package for the page's own `now`. */
function expected(now) {
  const node = new Machine({ state: { kind: "Active" } });
  const buttons = node.allowedActions(now);
  const verdict = transition(node.state, { type: "EnterMaintenance" }, now);
  let error;
  try {
    transition(node.state, { type: "Enter" }, now);
  } catch (e) {
    assert.ok(e instanceof MaintenanceInputError);
    error = e.code;
  }
  // As the page shows it: through JSON.
  return JSON.parse(JSON.stringify({ verdict, buttons, error }));
}

/** Loads `url` in a fresh context; resolves what the page shows, parsed, and its errors. */
async function load(url) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on("console", (message) => message.type() === "error" && errors.push(`console: ${message.text()}`));
    page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
    await page.goto(url);
    try {
      await page.waitForFunction(() => document.body?.textContent.startsWith("{"), null, { timeout: 30_000 });
    } catch {
      const text = await page.evaluate(() => document.body?.textContent ?? "(no body)");
      assert.fail(`the page showed no result within 30 s: ${JSON.stringify(text.slice(0, 300))}\n${errors.join("\n")}`);
    }
    return { shown: JSON.parse(await page.evaluate(() => document.body.textContent)), errors };
  } finally {
    await context.close();
  }
}

// Two cases at a time: most of a case is npm and the bundler, waiting on disk and each other.
describe("the README's bundler recipes", { concurrency: 2 }, () => {
for (const recipe of RECIPES) {
  for (const type of PROJECT_TYPES) {
    test(`${recipe.name} in a "type": "${type}" project: the README's recipe builds a page that runs in Chromium`, async () => {
      const cell = (matrix.get(recipe.name) ?? matrix.set(recipe.name, {}).get(recipe.name));
      cell[type] = "FAILED";
      assert.deepEqual(recipe.imported, [recipe.entry], `the ${recipe.name} page should import ${recipe.entry}`);

      const dir = join(work.dir, `${recipe.name.replace(/\W+/g, "-")}-${type}`);
      mkdirSync(dir);
      await initProject(dir, type);
      const started = Date.now();
      const { code, output } = await sh(runnable(recipe), dir);
      assert.equal(code, 0, `the ${recipe.name} recipe failed in the ${type} project:\n${output.slice(-4000)}`);
      const built = Date.now() - started;

      const server = await serve(join(dir, recipe.serve));
      let shown, errors;
      try {
        ({ shown, errors } = await load(server.url));
      } finally {
        await server.close();
      }
      assert.deepEqual(errors, []);
      const failed = server.requests.filter((r) => r.status !== 200);
      assert.deepEqual(failed, [], "every request the page made is served");
      // The default entry fetches its .wasm beside the bundle; /inline carries it.
      const wasm = server.requests.filter((r) => r.path.endsWith(".wasm"));
      if (recipe.entry.endsWith("/inline")) assert.deepEqual(wasm, [], "the /inline entry fetches no .wasm");
      else assert.equal(wasm.length, 1, `the default entry fetches its .wasm once: ${JSON.stringify(server.requests)}`);

      const now = shown.verdict?.to?.since;
      assert.equal(typeof now, "number", `the page shows no verdict: ${JSON.stringify(shown)}`);
      assert.equal(shown.verdict.outcome, "applied");
      assert.deepEqual(shown, expected(now));
      cell[type] = "ok";
      console.log(`${recipe.name}, ${type}: recipe ${(built / 1000).toFixed(1)} s, then shown ${JSON.stringify(shown.buttons)} and ${shown.error}`);
    });
  }
}
});
