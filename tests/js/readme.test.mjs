// Every code block the READMEs mean to run, run: a fenced block whose info
// string says `run` (```js run, ```cjs run, ```ts run:deno, ```ts run:bun)
// is written to a file in a scratch project whose node_modules holds the
// built package (pkg/, by name, as a user installs it) and executed. Each
// line the block prints must match, in order, the `// → …` comments of its
// console.log lines, and nothing else may be printed; a block that throws
// fails. A block that shows a file (```js file=examples/sign/browser.mjs)
// must be that file, which its own test runs. Every JavaScript or
// TypeScript block must be one or the other, so an example that drifts from
// the package fails the test command.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("../../", import.meta.url).pathname;
const READMES = ["README.md", "docs/README.npm.md"];

/** The runnable blocks of a markdown file: {file, line, lang, runner, code}. */
export function runnableBlocks(file) {
  const lines = readFileSync(join(root, file), "utf8").split("\n");
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = lines[i].match(/^```(\w+)\s+run(?::(\w+))?\s*$/);
    if (!open) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && lines[end] !== "```") end++;
    blocks.push({ file, line: start, lang: open[1], runner: open[2] ?? "node", code: lines.slice(start, end).join("\n") });
    i = end;
  }
  return blocks;
}

/** Every JavaScript or TypeScript block: {file, line, info, code}. */
function scriptBlocks(file) {
  const lines = readFileSync(join(root, file), "utf8").split("\n");
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = lines[i].match(/^```((?:js|cjs|ts|mjs|javascript|typescript)\b.*)$/);
    if (!open) continue;
    let end = i + 1;
    while (end < lines.length && lines[end] !== "```") end++;
    blocks.push({ file, line: i + 2, info: open[1], code: lines.slice(i + 1, end).join("\n") });
    i = end;
  }
  return blocks;
}

/** What the block's console.log lines say they print, in order. */
function expectations(code) {
  return code.split("\n").filter((line) => /console\.log\(/.test(line)).map((line) => {
    const arrow = line.match(/\/\/ → (.*)$/);
    return arrow ? arrow[1] : null;
  });
}

const scratch = mkdtempSync(join(tmpdir(), "readme-"));
mkdirSync(join(scratch, "node_modules"));
symlinkSync(join(root, "pkg"), join(scratch, "node_modules", "mesh-maintenance"));
writeFileSync(join(scratch, "package.json"), JSON.stringify({ name: "readme-blocks", private: true }));
const bin = (name) => join(root, "node_modules", ".bin", name);

function run(block, index) {
  const extension = { js: "mjs", cjs: "cjs", ts: "ts" }[block.lang];
  assert.ok(extension, `${block.file}:${block.line}: a runnable block must be js, cjs or ts, not ${block.lang}`);
  const path = join(scratch, `block${index}.${extension}`);
  writeFileSync(path, block.code);
  const [command, args] = {
    node: [process.execPath, [path]],
    deno: [bin("deno"), ["run", "--allow-read", "--allow-env", "--quiet", path]],
    bun: [bin("bun"), ["run", path]],
  }[block.runner];
  return execFileSync(command, args, { cwd: scratch, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });
}

const blocks = READMES.flatMap(runnableBlocks);
const scripts = READMES.flatMap(scriptBlocks);

test("every JavaScript or TypeScript block in the READMEs is run, or is a file that is", () => {
  const neither = scripts.filter((block) => !/\brun\b|\bfile=/.test(block.info)).map((b) => `${b.file}:${b.line}`);
  assert.deepEqual(neither, []);
  for (const block of scripts.filter((b) => /\bfile=/.test(b.info))) {
    const path = block.info.match(/\bfile=(\S+)/)[1];
    assert.equal(`${block.code}\n`, readFileSync(join(root, path), "utf8"), `${block.file}:${block.line} differs from ${path}`);
  }
});

test("the READMEs have runnable blocks, and every console.log says what it prints", () => {
  assert.ok(blocks.length >= 8, `${blocks.length} runnable blocks`);
  for (const block of blocks) {
    const missing = expectations(block.code).filter((expected) => expected === null);
    assert.equal(missing.length, 0, `${block.file}:${block.line}: a console.log without its // → output`);
  }
});

for (const [index, block] of blocks.entries()) {
  test(`${block.file}:${block.line} (${block.lang}, ${block.runner}) runs and prints what it says`, () => {
    const printed = run(block, index).trimEnd().split("\n").filter((line) => line !== "");
    assert.deepEqual(printed, expectations(block.code));
  });
}

test.after(() => rmSync(scratch, { recursive: true, force: true }));
