// How the matrix reads the README's recipes (recipes.mjs) and rewrites their
// installs (consumer.mjs): a recipe that is missing, unnamed or installs an
// unpinned tool is an error, never a case quietly left out.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { PINNED, pinnedInstall } from "./consumer.mjs";
import { BUNDLERS, README, recipes } from "./recipes.mjs";

const markdown = readFileSync(README, "utf8");

test("the README has one recipe per bundler, each importing that bundler's entry", () => {
  const found = recipes(markdown);
  assert.deepEqual(found.map((r) => r.name), BUNDLERS.map((b) => b.name));
  for (const recipe of found) {
    assert.deepEqual(recipe.imported, [recipe.entry], recipe.name);
    assert.ok(recipe.script.includes(recipe.page), recipe.name);
    for (const line of recipe.installs) assert.doesNotThrow(() => pinnedInstall(line, "/tmp/x.tgz"), line);
  }
});

test("a recipe missing from the README is an error", () => {
  const withoutVite = markdown.replace(/```sh\n# Vite[\s\S]*?\n```\n/, "");
  assert.notEqual(withoutVite, markdown);
  assert.throws(() => recipes(withoutVite), /0 code blocks start with "# Vite"/);
});

test("a recipe that does not say what to serve is an error", () => {
  const unserved = markdown.replace("# serve dist/", "");
  assert.throws(() => recipes(unserved), /the last line must be/);
});

test("installs: the package from the tarball, every other package at the pinned version, an unpinned one refused", () => {
  assert.equal(pinnedInstall("npm install mesh-maintenance", "/t/m.tgz"), "npm install '/t/m.tgz'");
  assert.equal(
    pinnedInstall("npm install --save-dev webpack webpack-cli", "/t/m.tgz"),
    `npm install --save-dev 'webpack@${PINNED.webpack}' 'webpack-cli@${PINNED["webpack-cli"]}'`,
  );
  assert.throws(() => pinnedInstall("npm install --save-dev parcel", "/t/m.tgz"), /parcel .* is not pinned/);
});
