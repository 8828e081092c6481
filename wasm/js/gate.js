// The gate's API: node snapshot views, the bytes an operator signs, signed
// commits and operator registries. Every call hands its arguments to the
// gate module whole (codec.js), which decodes them strictly and answers in
// the SPEC's shapes; only the Ed25519 check itself runs here, in WebCrypto
// (verify.js).
import { gate as wasm } from "./instances.js";
import { call } from "./codec.js";
import { verifier } from "./verify.js";

export { MaintenanceInputError, isMaintenanceInputError } from "./error.js";

/** A node's relative-time view, as an absolute state. */
export function fromView(view, observedAt, dialect) {
  return call(wasm, "fromView", [view, observedAt, dialect], fromView)[0];
}

/** A state as a node would report it at `now`, in `dialect`. */
export function toView(state, now, dialect) {
  return call(wasm, "toView", [state, now, dialect], toView)[0];
}

/** The exact bytes a node verifies an operator's Ed25519 signature over. */
export function adminSigningPayload(command, issuedAt) {
  return call(wasm, "adminSigningPayload", [command, issuedAt], adminSigningPayload)[0];
}

/** Every check of a signed commit but the signature itself (see `verifyAdminCommit`). */
export function prepareAdminCommit(commit, now, registry, policy) {
  return call(wasm, "prepareAdminCommit", [commit, now, registry, policy], prepareAdminCommit)[0];
}

/** How many operators a registry names; a malformed one throws. */
export function checkOperatorRegistry(registry) {
  return call(wasm, "checkOperatorRegistry", [registry], checkOperatorRegistry)[0];
}

/** Checks a signed admin commit as a node does: `prepareAdminCommit`, then WebCrypto's Ed25519. */
export const verifyAdminCommit = verifier(prepareAdminCommit);
