// The example edge worker on workerd with chosen bindings, and signed
// /v1/admit bodies made with the RFC 8032 test keys (node:crypto, so the
// signatures do not come from the code under test).
//
// exampleApp() makes the example as a user gets it: a copy of
// examples/edge-worker/ in which npm installs the package from the tarball
// `npm pack pkg` makes, then the example's own `npm run build` (esbuild) writes
// dist/worker.js and dist/full.wasm. startEdgeWorker serves that copy's
// config.capnp (which embeds those two files and nothing else), as shipped or
// with its OPERATORS and ALLOWED_ORIGINS bindings replaced (or removed), on a
// free 127.0.0.1 port; stop() ends that process by its pid.
import { createHash, createPrivateKey, sign } from "node:crypto";
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

import { adminSigningPayload } from "mesh-maintenance/gate";
import { repo, startWorkerd } from "./processes.mjs";

export const exampleDir = `${repo}examples/edge-worker`;
/** What a user copies: the example's files, not what npm or a build leaves beside them. */
const LEFT_BEHIND = new Set(["node_modules", "dist", ".wrangler"]);
export const exampleFiles = () => readdirSync(exampleDir).filter((name) => !LEFT_BEHIND.has(name)).sort();

/** Every file under `dir`, relative, sorted. */
function filesUnder(dir, prefix = "") {
  return readdirSync(join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => entry.isDirectory() ? filesUnder(dir, join(prefix, entry.name)) : [join(prefix, entry.name)])
    .sort();
}

/** A name for the package and the example as they are now: a build is reused only for the same bytes. */
function contentHash() {
  const hash = createHash("sha256");
  for (const [dir, files] of [[`${repo}pkg`, filesUnder(`${repo}pkg`)], [exampleDir, exampleFiles()]]) {
    for (const file of files) hash.update(`${file}\0`).update(readFileSync(join(dir, file))).update("\0");
  }
  return hash.digest("hex").slice(0, 16);
}

const exec = promisify(execFile);

/**
 * The example built as a user builds it; resolves the folder. Built once
 * for the current pkg/ and example (a folder named by their hash, made
 * under a temporary name and renamed, so concurrent test files share it).
 * The copy's package.json loses its devDependencies (esbuild, workerd,
 * wrangler: the repository's own, at the same versions, are on the PATH)
 * so npm installs offline; its scripts are the example's.
 */
export async function exampleApp() {
  const root = `${repo}target/edge-worker-app`;
  const dir = `${root}/${contentHash()}`;
  if (existsSync(`${dir}/dist/worker.js`)) return dir;
  mkdirSync(root, { recursive: true });
  for (const old of readdirSync(root)) if (!old.includes(".") && `${root}/${old}` !== dir) rmSync(`${root}/${old}`, { recursive: true, force: true });
  const tmp = `${dir}.${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  for (const file of exampleFiles()) cpSync(`${exampleDir}/${file}`, `${tmp}/${file}`);
  const manifest = JSON.parse(readFileSync(`${tmp}/package.json`, "utf8"));
  const tools = JSON.parse(readFileSync(`${repo}package.json`, "utf8")).devDependencies;
  for (const [name, version] of Object.entries(manifest.devDependencies ?? {})) {
    if (tools[name] !== version) throw new Error(`examples/edge-worker/package.json wants ${name}@${version}, the repository has ${tools[name]}`);
  }
  const { version } = JSON.parse(readFileSync(`${repo}pkg/package.json`, "utf8"));
  if (manifest.dependencies?.["mesh-maintenance"] !== `^${version}`) {
    throw new Error(`examples/edge-worker/package.json depends on mesh-maintenance ${manifest.dependencies?.["mesh-maintenance"]}, the package is ${version}`);
  }
  delete manifest.devDependencies;
  writeFileSync(`${tmp}/package.json`, `${JSON.stringify(manifest, null, 2)}\n`);
  const options = { cwd: tmp, timeout: 120_000, env: { ...process.env, PATH: `${repo}node_modules/.bin:${process.env.PATH}` } };
  const { stdout: packed } = await exec("npm", ["pack", `${repo}pkg`, "--pack-destination", tmp, "--silent"], options);
  await exec("npm", ["install", "--offline", "--no-audit", "--no-fund", `./${packed.trim()}`], options);
  await exec("npm", ["run", "build", "--silent"], options);
  const built = readdirSync(`${tmp}/dist`).sort();
  if (built.join() !== "full.wasm,worker.js") throw new Error(`npm run build wrote ${built.join(", ")}, not dist/worker.js and dist/full.wasm`);
  try {
    renameSync(tmp, dir);
  } catch (error) {
    if (!existsSync(`${dir}/dist/worker.js`)) throw error;
    rmSync(tmp, { recursive: true, force: true }); // another test file built it first
  }
  return dir;
}

/** A capnp text literal (capnp takes C escapes, not JSON's \\u). */
function capnpText(value) {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`)}"`;
}

function bindingPattern(name) {
  return new RegExp(`\\(name = "${name}", text = "(?:[^"\\\\]|\\\\.)*"\\),?\\n`);
}

/**
 * The example's config with its bindings set: `undefined` removes a
 * binding, a string is its text, an object is written as JSON text.
 */
export function exampleConfig(config, { operators, allowedOrigins } = {}) {
  for (const [name, value] of [["OPERATORS", operators], ["ALLOWED_ORIGINS", allowedOrigins]]) {
    const pattern = bindingPattern(name);
    if (!pattern.test(config)) throw new Error(`examples/edge-worker/config.capnp has no text binding ${name}`);
    const text = typeof value === "object" && value !== null ? JSON.stringify(value) : value;
    config = config.replace(pattern, text === undefined ? "" : `(name = "${name}", text = ${capnpText(text)}),\n`);
  }
  return config;
}

let serial = 0;

/**
 * Serves the built example: its config.capnp as shipped (no argument), or
 * a copy beside it (same embed paths) with these bindings; resolves {url, pid, stop}.
 */
export async function startEdgeWorker(bindings) {
  const app = await exampleApp();
  if (bindings === undefined) return startWorkerd(`${app}/config.capnp`);
  const config = `${app}/config-${process.pid}-${serial++}.capnp`;
  writeFileSync(config, exampleConfig(readFileSync(`${app}/config.capnp`, "utf8"), bindings));
  const worker = await startWorkerd(config);
  return {
    ...worker,
    stop: async () => {
      await worker.stop();
      rmSync(config, { force: true });
    },
  };
}

/** RFC 8032 section 7.1 test keys 1-3: {id: {seed, pub}} (hex). */
export const testKeys = JSON.parse(readFileSync(`${repo}tests/vectors/signatures/commits.json`, "utf8")).keys;

/** Ed25519 over `bytes` with a 32-byte seed (hex), by node:crypto; returns the signature as hex. */
export function signWithSeed(seedHex, bytes) {
  const key = createPrivateKey({ key: Buffer.from(`302e020100300506032b657004220420${seedHex}`, "hex"), format: "der", type: "pkcs8" });
  return sign(null, bytes, key).toString("hex");
}

/** The command a node would verify for `event` on `node`: `force` is not part of it. */
export function commandOf(event, node) {
  const command = { type: event.type, node };
  if (event.type === "EnterMaintenance" && event.drainForMs != null) command.drainForMs = event.drainForMs;
  return command;
}

/**
 * A signed /v1/admit body: `request` ({state, event, now, frozenUntil?, config?})
 * for `node`, issued at `issuedAt`, signed with test key `key` and claimed
 * by `operatorId` (by default the key's own id).
 */
export function signedBody(request, { node = "42", issuedAt = Date.now(), key = "1", operatorId = key } = {}) {
  const signature = signWithSeed(testKeys[key].seed, adminSigningPayload(commandOf(request.event, node), issuedAt));
  return { ...request, node, issuedAt, signature: { operatorId, signature } };
}

/** POSTs JSON (or a string) to the worker; resolves {status, headers, body}. */
export async function post(url, body, headers = {}) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    throw new Error(`${url}: status ${response.status}, not JSON: ${text.slice(0, 200)}`);
  }
  return { status: response.status, headers: response.headers, body: json };
}
