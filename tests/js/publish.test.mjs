// Ready to publish: what `npm publish` and `cargo publish` would upload,
// checked by their own dry runs. Each package carries both licenses, the
// contract (SPEC.md) and its consumer README, and nothing of the
// repository's tests or tooling; its links resolve from a registry page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const root = new URL("../../", import.meta.url).pathname;
const pkg = new URL("../../pkg/", import.meta.url).pathname;
const KB = 1024;

const npm = (...args) => execFileSync("npm", args, { cwd: pkg, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
const cargo = (...args) => execFileSync("cargo", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

/** Links in markdown that a registry page could not follow (relative ones, or into the repository's siblings). */
function unresolvable(markdown) {
  const links = [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]);
  return links.filter((link) => !/^(https:\/\/|#)/.test(link));
}

test("npm: the tarball holds the package, both licenses, the SPEC and the consumer README, nothing else", () => {
  const [report] = JSON.parse(npm("pack", "--dry-run", "--json"));
  const files = report.files.map((file) => file.path).sort();
  for (const required of ["LICENSE-MIT", "LICENSE-APACHE", "SPEC.md", "README.md", "package.json",
    "dist/rules.wasm", "dist/full.wasm", "index.d.ts", "index.d.cts", "full.d.ts", "full.d.cts"]) {
    assert.ok(files.includes(required), `${required} is missing from the tarball`);
  }
  const stray = files.filter((file) => /(^|\/)(tests?|bench|www|examples|src|target|node_modules|\.ci)\/|\.test\.|Cargo\.|\.rs$/.test(file));
  assert.deepEqual(stray, []);
  console.log(`npm pack: ${files.length} files, ${report.size} bytes packed, ${report.unpackedSize} unpacked`);
  assert.ok(report.size <= 200 * KB, `${report.size} bytes packed`);
  assert.ok(report.unpackedSize <= 600 * KB, `${report.unpackedSize} bytes unpacked`);
});

test("npm: publish --dry-run accepts the package", () => {
  const out = execFileSync("npm", ["publish", "--dry-run"], { cwd: pkg, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  assert.doesNotMatch(out, /npm ERR!/);
});

test("npm: the README is the consumer README, its links resolve from the registry page, the manifest says where to go", () => {
  const readme = readFileSync(`${pkg}README.md`, "utf8");
  assert.equal(readme, readFileSync(`${root}docs/README.npm.md`, "utf8"));
  assert.deepEqual(unresolvable(readme), []);
  assert.match(readme, /SPEC\.md/);
  const manifest = JSON.parse(readFileSync(`${pkg}package.json`, "utf8"));
  for (const field of ["repository", "homepage", "bugs", "keywords", "license", "description"]) {
    assert.ok(manifest[field], `package.json has no ${field}`);
  }
  assert.equal(manifest.license, "MIT OR Apache-2.0");
  assert.equal(readFileSync(`${pkg}SPEC.md`, "utf8"), readFileSync(`${root}SPEC.md`, "utf8"));
});

test("crates.io: the package holds the source, both licenses, the SPEC and the crate README, nothing else", () => {
  const files = cargo("package", "--list", "--allow-dirty", "-p", "mesh-maintenance").trim().split("\n").sort();
  for (const required of ["LICENSE-MIT", "LICENSE-APACHE", "SPEC.md", "docs/README.crate.md", "Cargo.toml", "src/lib.rs"]) {
    assert.ok(files.includes(required), `${required} is missing from the crate`);
  }
  const stray = files.filter((file) => !/^(src\/.*\.rs|LICENSE-(MIT|APACHE)|SPEC\.md|docs\/README\.crate\.md|Cargo\.(toml|toml\.orig|lock)|\.cargo_vcs_info\.json)$/.test(file));
  assert.deepEqual(stray, []);
  const readme = readFileSync(`${root}docs/README.crate.md`, "utf8");
  assert.deepEqual(unresolvable(readme), []);
  const manifest = readFileSync(`${root}Cargo.toml`, "utf8");
  for (const field of ["repository", "homepage", "documentation", "keywords", "categories", "license", "readme"]) {
    assert.match(manifest, new RegExp(`^${field} = `, "m"), `Cargo.toml has no ${field}`);
  }
});

test("crates.io: publish --dry-run packages and builds the crate", () => {
  const out = execFileSync("cargo", ["publish", "--dry-run", "--allow-dirty", "-p", "mesh-maintenance"],
    { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  assert.equal(typeof out, "string");
  const packaged = execFileSync("cargo", ["package", "--allow-dirty", "--no-verify", "-p", "mesh-maintenance"],
    { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  assert.equal(typeof packaged, "string");
  const size = readFileSync(`${root}target/package/mesh-maintenance-${manifestVersion()}.crate`).length;
  console.log(`cargo package: ${size} bytes`);
  assert.ok(size <= 100 * KB, `${size} bytes`);
});

function manifestVersion() {
  return readFileSync(`${root}Cargo.toml`, "utf8").match(/^version = "(.*)"$/m)[1];
}
