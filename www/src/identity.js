// The operator's identity: an Ed25519 key pair made in the browser with
// WebCrypto. The private key is not extractable: it never leaves the
// CryptoKey object, which IndexedDB stores as is (CryptoKeys are
// structured-cloneable), so the same key signs after a reload.
import { adminSigningPayload } from "mesh-maintenance/full";

const DB = "mesh-maintenance-console";
const STORE = "identity";
const KEY = "operator";
const U64_MAX = (1n << 64n) - 1n;

export const hex = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function store(mode) {
  const open = indexedDB.open(DB, 1);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE);
  const db = await request(open);
  return db.transaction(STORE, mode).objectStore(STORE);
}

/** The default operator id: the first 8 bytes of SHA-256(public key), big-endian, as a u64 decimal. */
async function defaultOperatorId(publicKeyRaw) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", publicKeyRaw));
  return digest.slice(0, 8).reduce((n, b) => (n << 8n) | BigInt(b), 0n).toString();
}

/** A u64 as a decimal string with no sign, no leading zeros, no exponent; or a message saying why not. */
export function operatorIdProblem(text) {
  if (!/^(0|[1-9][0-9]{0,19})$/.test(text)) return `operator id: expected a u64 in decimal, got ${JSON.stringify(text.slice(0, 40))}`;
  if (BigInt(text) > U64_MAX) return `operator id: ${text} is above 2^64 - 1`;
  return null;
}

export class Identity {
  constructor(record) {
    Object.assign(this, record);
  }

  /** The stored identity, or a new one when there is none. */
  static async load() {
    const record = await request((await store("readonly")).get(KEY));
    return record ? new Identity(record) : Identity.generate();
  }

  /** A fresh key pair (replacing any stored one); the worker URL is kept. */
  static async generate(workerUrl = "") {
    const { privateKey, publicKey } = await crypto.subtle.generateKey({ name: "Ed25519" }, false, ["sign", "verify"]);
    const raw = new Uint8Array(await crypto.subtle.exportKey("raw", publicKey));
    const identity = new Identity({ privateKey, publicKey, publicKeyHex: hex(raw), operatorId: await defaultOperatorId(raw), workerUrl });
    await identity.save();
    return identity;
  }

  async save() {
    const { privateKey, publicKey, publicKeyHex, operatorId, workerUrl } = this;
    await request((await store("readwrite")).put({ privateKey, publicKey, publicKeyHex, operatorId, workerUrl }, KEY));
  }

  /**
   * Signs an operator action for node `nodeId` (u64 decimal) issued at
   * `issuedAt` (wall-clock ms): the bytes are the module's
   * `adminSigningPayload`, the command the node would fold (never `force`).
   */
  async sign(event, nodeId, issuedAt) {
    const command = event.type === "EnterMaintenance"
      ? { type: "EnterMaintenance", node: nodeId, drainForMs: event.drainForMs ?? null }
      : { type: "ExitMaintenance", node: nodeId };
    const payload = adminSigningPayload(command, issuedAt);
    const signature = new Uint8Array(await crypto.subtle.sign({ name: "Ed25519" }, this.privateKey, payload));
    return { operatorId: this.operatorId, signature: hex(signature) };
  }
}
