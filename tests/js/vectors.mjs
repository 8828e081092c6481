// Loads tests/vectors/*.json and the native run's results, for runtimes with
// a file system (Node, Deno and Bun all provide node:fs).
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";

const root = fileURLToPath(new URL("../..", import.meta.url));

export function loadVectors(subdirectory = "") {
  const dir = join(root, "tests/vectors", subdirectory);
  const files = {};
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".json")).sort()) {
    files[name.replace(/\.json$/, "")] = JSON.parse(readFileSync(join(dir, name), "utf8"));
  }
  return files;
}

/** What `cargo test --test conformance` computed; the test command runs it first. */
export function loadNativeResults(report = "native.json") {
  const path = join(root, "target/conformance", report);
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`cargo test --test conformance\` first`);
  return JSON.parse(readFileSync(path, "utf8"));
}
