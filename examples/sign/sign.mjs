// Signs an operator command as the nodes verify it, with WebCrypto Ed25519
// (Node >= 20: globalThis.crypto.subtle; the same calls work in a page and
// in Deno, Bun and workerd), then checks the signature with the public key
// and with verifyAdminCommit against a one-entry operator registry.
//   node examples/sign/sign.mjs
import { adminSigningPayload, verifyAdminCommit } from "mesh-maintenance";

const { subtle } = globalThis.crypto;
const hex = (bytes) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");

// The operator's key pair: the private key cannot be exported. Register the
// raw public key under the operator's id with the nodes' OperatorRegistry and
// in the edge worker's OPERATORS binding.
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
