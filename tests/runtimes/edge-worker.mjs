// The example edge worker on workerd with chosen bindings, and signed
// /v1/admit bodies made with the RFC 8032 test keys (node:crypto, so the
// signatures do not come from the code under test).
//
// startEdgeWorker writes a copy of examples/edge-worker/config.capnp whose
// embed paths point back at the example and whose OPERATORS and
// ALLOWED_ORIGINS bindings are replaced (or removed), then serves it on a free
// 127.0.0.1 port; stop() ends that process by its pid.
import { createPrivateKey, sign } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";

import { adminSigningPayload } from "mesh-maintenance";
import { repo, startWorkerd } from "./processes.mjs";

const exampleDir = `${repo}examples/edge-worker`;

/** A capnp text literal (capnp takes C escapes, not JSON's \u). */
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
export function exampleConfig(dir, { operators, allowedOrigins } = {}) {
  let config = readFileSync(`${exampleDir}/config.capnp`, "utf8");
  config = config.replace(/embed "([^"]+)"/g, (_, path) => `embed "${relative(dir, resolve(exampleDir, path))}"`);
  for (const [name, value] of [["OPERATORS", operators], ["ALLOWED_ORIGINS", allowedOrigins]]) {
    const pattern = bindingPattern(name);
    if (!pattern.test(config)) throw new Error(`examples/edge-worker/config.capnp has no text binding ${name}`);
    const text = typeof value === "object" && value !== null ? JSON.stringify(value) : value;
    config = config.replace(pattern, text === undefined ? "" : `(name = "${name}", text = ${capnpText(text)}),\n`);
  }
  return config;
}

let serial = 0;

/** Serves the example worker with these bindings; resolves {url, pid, stop}. */
export async function startEdgeWorker(bindings) {
  const dir = `${repo}target/edge-worker/${process.pid}-${serial++}`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/config.capnp`, exampleConfig(dir, bindings));
  const worker = await startWorkerd(`${dir}/config.capnp`);
  return {
    ...worker,
    stop: async () => {
      await worker.stop();
      rmSync(dir, { recursive: true, force: true });
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
