// In a page (through a bundler): an operator key pair made by WebCrypto whose
// private key never leaves the browser (a CryptoKeyPair can be stored in
// IndexedDB as it is), and a POST /v1/admit body signed with it.
import { adminSigningPayload } from "mesh-maintenance/gate";

const hex = (bytes) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");

/** A new key pair; register `publicKey` (hex) under your operator id. */
export async function newOperatorKey() {
  const keys = await crypto.subtle.generateKey({ name: "Ed25519" }, false, ["sign", "verify"]);
  return { keys, publicKey: hex(await crypto.subtle.exportKey("raw", keys.publicKey)) };
}

/** `request` ({state, event, now, frozenUntil?, config?}) for `node` (a decimal u64), signed now. */
export async function signedAdmit(privateKey, operatorId, node, request) {
  const { type, drainForMs } = request.event; // `force` is not signed: the nodes' command has none
  const command = type === "EnterMaintenance" ? { type, node, drainForMs: drainForMs ?? null } : { type, node };
  const issuedAt = Date.now();
  const signature = await crypto.subtle.sign({ name: "Ed25519" }, privateKey, adminSigningPayload(command, issuedAt));
  return { ...request, node, issuedAt, signature: { operatorId, signature: hex(signature) } };
}
