// The README's "Use it in …" snippets are the files in examples/use/ and the
// edge worker: each runs here in its own runtime and prints what its comment
// says, and the README quotes each file whole.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

import { bin, repo, run } from "./processes.mjs";

const readme = readFileSync(`${repo}README.md`, "utf8");

const cases = [
  ["node", ["examples/use/node.mjs"], "applied EnteringMaintenance"],
  ["node", ["examples/use/node.cjs"], "ExitingMaintenance"],
  [bin("deno"), ["run", "--quiet", "--allow-read", "--allow-env", "examples/use/deno.ts"], "DrainFailed"],
  [bin("bun"), ["examples/use/bun.ts"], 'EnteringMaintenance [ "INVALID_TRANSITION" ]'],
];

for (const [command, args, expected] of cases) {
  const file = args.at(-1);
  test(`${file} runs and prints what it says`, async () => {
    const { code, stdout, stderr } = await run(command, args);
    assert.equal(code, 0, stderr);
    assert.equal(stdout.trim(), expected);
  });
}

test("deno type-checks its snippet against the package's declarations", async () => {
  const { code, stderr } = await run(bin("deno"), ["check", "--quiet", "examples/use/deno.ts"]);
  assert.equal(code, 0, stderr);
});

test("the README quotes every snippet whole", () => {
  for (const file of ["node.mjs", "node.cjs", "deno.ts", "bun.ts", "browser.mjs"]) {
    const text = readFileSync(`${repo}examples/use/${file}`, "utf8").trim();
    assert.ok(readme.includes(text), `README.md does not quote examples/use/${file}`);
  }
});
