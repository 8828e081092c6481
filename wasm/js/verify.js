// The one step of checking a signed admin commit that is not in the wasm
// module: the Ed25519 verification, done by WebCrypto (no cryptography is
// compiled into the module). Every other judgement, and every message, comes
// from `prepareAdminCommit`.

/** `verifyAdminCommit` over a module's `prepareAdminCommit`. */
export function verifier(prepareAdminCommit) {
  return async function verifyAdminCommit(commit, now, registry, policy) {
    const prepared = prepareAdminCommit(commit, now, registry, policy);
    if (prepared.verdict) return prepared.verdict;
    const subtle = globalThis.crypto?.subtle;
    if (!subtle) throw new Error("verifyAdminCommit needs WebCrypto (globalThis.crypto.subtle)");
    let verified;
    try {
      const key = await subtle.importKey("raw", prepared.publicKey, { name: "Ed25519" }, false, ["verify"]);
      verified = await subtle.verify({ name: "Ed25519" }, key, prepared.signature, prepared.payload);
    } catch {
      verified = false; // a registered key that is no Ed25519 point verifies nothing
    }
    return verified ? prepared.valid : prepared.invalid;
  };
}
