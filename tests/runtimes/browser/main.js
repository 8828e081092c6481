// Every vector through the full entry (the default entry's page is rules.html).
import * as api from "mesh-maintenance/full";
import { runVectors } from "../../js/conformance.mjs";
import { runSignatureVectors } from "../../js/signatures.mjs";
import commits from "../../vectors/signatures/commits.json";

const modules = import.meta.glob("../../vectors/*.json", { eager: true, import: "default" });
const files = Object.fromEntries(
  Object.entries(modules).map(([path, vectors]) => [path.replace(/^.*\/(.*)\.json$/, "$1"), vectors]),
);
const result = runVectors({ ...api }, files);
window.vectorResult = { runtime: "chromium", ...result };
document.getElementById("summary").textContent = `chromium: ran ${result.count} conformance vectors, ${result.failures.length} failed`;

// The signed-commit vectors, with Chromium's WebCrypto Ed25519.
runSignatureVectors(api, commits).then(
  (signatures) => (window.signatureResult = { runtime: "chromium", ...signatures }),
  (error) => (window.signatureResult = { error: String(error?.stack ?? error) }),
);

// The README's browser snippets, run as written.
import { buttons } from "../../../examples/use/browser.mjs";
import { newOperatorKey, signedAdmit } from "../../../examples/sign/browser.mjs";
window.exampleButtons = buttons;

/** The key pair kept in IndexedDB and read back, as a console keeps it. */
function storeAndLoad(keys) {
  return new Promise((resolve, reject) => {
    const opening = indexedDB.open("operator-identity", 1);
    opening.onupgradeneeded = () => opening.result.createObjectStore("keys");
    opening.onerror = () => reject(opening.error);
    opening.onsuccess = () => {
      const db = opening.result;
      const put = db.transaction("keys", "readwrite").objectStore("keys").put(keys, "operator");
      put.onerror = () => reject(put.error);
      put.onsuccess = () => {
        const get = db.transaction("keys").objectStore("keys").get("operator");
        get.onerror = () => reject(get.error);
        get.onsuccess = () => resolve(get.result);
      };
    };
  });
}

const request = () => ({ state: { kind: "Active" }, event: { type: "EnterMaintenance", drainForMs: 60_000 }, now: Date.now() });

(async () => {
  const { keys, publicKey } = await newOperatorKey();
  const stored = await storeAndLoad(keys);
  const body = await signedAdmit(stored.privateKey, "7", "42", request());
  const { type, drainForMs } = body.event;
  const verdict = await api.verifyAdminCommit(
    { command: { type, node: body.node, drainForMs }, issuedAt: body.issuedAt, signature: body.signature },
    Date.now(), { 7: publicKey },
  );
  /** Sends a freshly signed body to a worker's /v1/admit, from this page's origin. */
  window.admitAt = async (url) => {
    const response = await fetch(`${url}/v1/admit`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(await signedAdmit(stored.privateKey, "7", "42", request())),
    });
    return { status: response.status, body: await response.json() };
  };
  window.signExample = {
    publicKey,
    privateKeyExtractable: keys.privateKey.extractable,
    storedKeyIsCryptoKey: stored.privateKey instanceof CryptoKey,
    verdict,
  };
})().catch((error) => (window.signExample = { error: String(error?.stack ?? error) }));
