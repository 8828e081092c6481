// An operator's signing tool, with WebCrypto Ed25519 (Node >= 20:
// globalThis.crypto.subtle; the same calls work in a page and in Deno, Bun
// and workerd). The package builds the bytes a node verifies
// (adminSigningPayload) and checks every signature (verifyAdminCommit).
//
//   node examples/sign/sign.mjs keygen --out operator.key [--id <u64>]
//     Makes an operator key once and saves it: the private key as a JWK
//     (PKCS#8's Ed25519 key, in JSON; `kid` is the operator id) in a file
//     only its owner can read (mode 600), never overwriting one. Prints the
//     public key and the registry entry {"<id>": "<public key hex>"} to put
//     in the nodes' OperatorRegistry and the edge worker's OPERATORS.
//
//   node examples/sign/sign.mjs sign --key operator.key --node 42 --type EnterMaintenance
//       [--drain-for 600000] [--force] [--state '{"kind":"Active"}'] [--now <ms>]
//     Signs a command with the saved key, checks the signature as a node
//     would, and prints the edge worker's POST /v1/admit body on stdout
//     (what it signed, on stderr). `--state` is the node's state the worker
//     judges the command against (default Active), `--now` the time the
//     action is meant for (default: now, also the envelope's issuedAt).
//
//   node examples/sign/sign.mjs demo
//     The whole round with a throwaway key: sign, verify with the public
//     key and with verifyAdminCommit, the same signature refused for node 43.
import { readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import {
  adminSigningPayload, checkOperatorRegistry, isMaintenanceInputError, verifyAdminCommit,
} from "mesh-maintenance/gate";

const { subtle } = globalThis.crypto;
const hex = (bytes) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");

/** A default operator id: the first 8 bytes of SHA-256(public key), big-endian, as a u64 decimal (as the console derives it). */
async function operatorIdOf(publicKeyRaw) {
  const digest = new Uint8Array(await subtle.digest("SHA-256", publicKeyRaw));
  return digest.slice(0, 8).reduce((n, b) => (n << 8n) | BigInt(b), 0n).toString();
}

/** The command a node verifies for `event` on `node`: `force` is not part of it (the nodes' command has none). */
function commandOf(event, node) {
  return event.type === "EnterMaintenance"
    ? { type: event.type, node, drainForMs: event.drainForMs ?? null }
    : { type: event.type, node };
}

async function keygen(args) {
  const { values } = parseArgs({ args, options: { out: { type: "string" }, id: { type: "string" } } });
  if (values.out === undefined) throw new UsageError("keygen needs --out <file>");
  // Extractable once, to be written to the file; `sign` imports it back non-extractable.
  const keys = await subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"]);
  const publicKey = hex(await subtle.exportKey("raw", keys.publicKey));
  const operatorId = values.id ?? await operatorIdOf(await subtle.exportKey("raw", keys.publicKey));
  // The entry must be one a node accepts (a u64 id in decimal, a 32-byte key): the package checks it.
  const registry = { [operatorId]: publicKey };
  checkOperatorRegistry(registry);
  const jwk = { ...(await subtle.exportKey("jwk", keys.privateKey)), kid: operatorId };
  // mode 600: only the owner reads it; "wx": an existing key is never overwritten.
  try {
    writeFileSync(values.out, `${JSON.stringify(jwk)}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if (error?.code === "EEXIST") throw new Refusal(`${values.out} exists: keygen never overwrites a key (sign with --key ${values.out}, or choose another --out)`);
    throw error;
  }
  console.log(`operator ${operatorId} public key: ${publicKey}`);
  console.log(`registry entry: ${JSON.stringify(registry)}`);
  console.log(`private key: ${values.out} (JWK, mode 600; keep it secret, sign with --key ${values.out})`);
}

function parseJson(what, text) {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Refusal(`${what}: not JSON (${error.message})`);
  }
}

/** The saved key: {operatorId, publicKey (hex), privateKey (a non-extractable CryptoKey)}. */
async function loadKey(path) {
  const jwk = parseJson(path, readFileSync(path, "utf8"));
  if (jwk.kty !== "OKP" || jwk.crv !== "Ed25519" || typeof jwk.d !== "string" || typeof jwk.kid !== "string") {
    throw new Refusal(`${path}: not an operator key written by keygen (an Ed25519 JWK with kid)`);
  }
  const { kid: operatorId, ...key } = jwk;
  const privateKey = await subtle.importKey("jwk", key, { name: "Ed25519" }, false, ["sign"]);
  const publicKey = Buffer.from(jwk.x, "base64url").toString("hex");
  return { operatorId, publicKey, privateKey };
}

async function sign(args) {
  const { values } = parseArgs({
    args,
    options: {
      key: { type: "string" }, node: { type: "string" }, type: { type: "string" },
      "drain-for": { type: "string" }, force: { type: "boolean" }, state: { type: "string" }, now: { type: "string" },
    },
  });
  for (const name of ["key", "node", "type"]) if (values[name] === undefined) throw new UsageError(`sign needs --${name}`);
  const { operatorId, publicKey, privateKey } = await loadKey(values.key);
  const event = { type: values.type };
  if (values["drain-for"] !== undefined) event.drainForMs = Number(values["drain-for"]);
  if (values.force) event.force = true;
  const issuedAt = values.now === undefined ? Date.now() : Number(values.now);
  const state = values.state === undefined ? { kind: "Active" } : parseJson("--state", values.state);

  // The package decides what the bytes are, and whether the command is well formed.
  const command = commandOf(event, values.node);
  const payload = adminSigningPayload(command, issuedAt);
  const signature = hex(await subtle.sign({ name: "Ed25519" }, privateKey, payload));
  console.error(`command: ${JSON.stringify(command)} issued at ${issuedAt}, signed by operator ${operatorId}`);
  console.error(`payload (${payload.length} bytes): ${hex(payload)}`);

  // Checked as a node checks it before it leaves: freshness, registry, signature.
  const verdict = await verifyAdminCommit({ command, issuedAt, signature: { operatorId, signature } }, Date.now(), { [operatorId]: publicKey });
  console.error(`verifyAdminCommit: ${verdict.outcome} (${verdict.message})`);
  if (verdict.outcome !== "verified") throw new Refusal(`${values.key}: the signature does not verify with the key's own public key`);

  // What a console sends to the edge worker's POST /v1/admit.
  console.log(JSON.stringify({ state, event, now: issuedAt, node: values.node, issuedAt, signature: { operatorId, signature } }));
}

/** The whole round with a throwaway key, printed step by step. */
async function demo() {
  // A throwaway key pair: the private key cannot be exported.
  const operatorId = "1";
  const keys = await subtle.generateKey({ name: "Ed25519" }, false, ["sign", "verify"]);
  const publicKey = hex(await subtle.exportKey("raw", keys.publicKey));
  console.log(`operator ${operatorId} public key: ${publicKey}`);

  // What the operator signs: the command addressed to a node (a u64, as a
  // decimal string), and when the envelope was issued (wall-clock ms).
  const command = { type: "EnterMaintenance", node: "42", drainForMs: 600_000 };
  const issuedAt = Date.now();
  const payload = adminSigningPayload(command, issuedAt);
  console.log(`command: ${JSON.stringify(command)} issued at ${issuedAt}`);
  console.log(`payload (${payload.length} bytes): ${hex(payload)}`);

  const signed = await subtle.sign({ name: "Ed25519" }, keys.privateKey, payload);
  const signature = hex(signed); // 64 bytes; verifyAdminCommit also takes base64url or a Uint8Array
  console.log(`signature: ${signature}`);

  // Anyone with the public key can check it...
  const verified = await subtle.verify({ name: "Ed25519" }, keys.publicKey, signed, payload);
  console.log(`WebCrypto verify with the public key: ${verified}`);

  // ...and a node (or the edge worker) checks freshness, the registry, then the signature.
  const registry = { [operatorId]: publicKey };
  const commit = { command, issuedAt, signature: { operatorId, signature } };
  const verdict = await verifyAdminCommit(commit, Date.now(), registry);
  console.log(`verifyAdminCommit: ${verdict.outcome} (${verdict.message})`);

  // Change one field and the same signature no longer verifies.
  const tampered = await verifyAdminCommit({ ...commit, command: { ...command, node: "43" } }, Date.now(), registry);
  console.log(`the same signature for node 43: ${tampered.outcome} ${tampered.code}`);

  // What a console sends to the edge worker's POST /v1/admit.
  const body = { state: { kind: "Active" }, event: { type: "EnterMaintenance", drainForMs: 600_000 }, now: issuedAt, node: "42", issuedAt, signature: { operatorId, signature } };
  console.log(`POST /v1/admit ${JSON.stringify(body)}`);
}

/** A wrong command line: the message and the usage, exit code 2. */
class UsageError extends Error {}
/** Something refused (a key file that exists or is not ours, a malformed command): the message, exit code 1. */
class Refusal extends Error {}

const USAGE = `usage:
  node examples/sign/sign.mjs keygen --out operator.key [--id <u64>]
  node examples/sign/sign.mjs sign --key operator.key --node <u64> --type EnterMaintenance|ExitMaintenance
      [--drain-for <ms>] [--force] [--state '<state JSON>'] [--now <ms>]
  node examples/sign/sign.mjs demo`;

const [command, ...rest] = process.argv.slice(2);
const commands = { keygen, sign, demo };
try {
  if (!Object.hasOwn(commands, command ?? "")) throw new UsageError(command === undefined ? "no command" : `unknown command ${command}`);
  await commands[command](rest);
} catch (error) {
  if (error instanceof UsageError || error?.code?.startsWith?.("ERR_PARSE_ARGS")) {
    console.error(`${error.message}\n${USAGE}`);
    process.exitCode = 2;
  } else if (error instanceof Refusal || isMaintenanceInputError(error) || error?.code === "ENOENT") {
    console.error(error.message);
    process.exitCode = 1;
  } else {
    throw error;
  }
}
