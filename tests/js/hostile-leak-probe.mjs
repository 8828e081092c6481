// One hostile call, repeated on a fresh instance of the package (a worker
// thread per case, so one leak cannot hide behind another's spare
// capacity): reports how much the modules' memory grew. Used by
// hostile-leaks.test.mjs.
import { parentPort, workerData } from "node:worker_threads";

import { runVectors } from "./conformance.mjs";
import { loadVectors } from "./vectors.mjs";

const REPEAT = 3000;
const KEY = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

class GetterError extends Error {}
const throwing = () => new Proxy({}, { get() { throw new GetterError("get"); }, ownKeys() { throw new GetterError("ownKeys"); } });
const revoked = () => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy; };
const getter = (key) => ({ get [key]() { throw new GetterError(key); } });
const detached = () => { const buffer = new ArrayBuffer(64); const bytes = new Uint8Array(buffer); structuredClone(buffer, { transfer: [buffer] }); return bytes; };
class ThrowingLength extends Uint8Array { get length() { throw new GetterError("length"); } }

/** Hostile calls, by what is hostile in them; `api` is the instance under test. */
export function hostileCalls(api) {
  const machine = new api.Machine({ state: { kind: "Maintenance", since: 1 } });
  const commit = (signature, operatorId = "1") => ({ command: { type: "ExitMaintenance", node: "1" }, issuedAt: 5, signature: { operatorId, signature } });
  const request = (extra) => ({ state: { kind: "Active" }, event: { type: "EnterMaintenance" }, ...extra });
  return {
    "admit: a throwing request": () => api.admit(throwing(), 5),
    "admit: a revoked request": () => api.admit(revoked(), 5),
    "admit: a throwing frozenUntil getter": () => api.admit(Object.defineProperty(request(), "frozenUntil", { get() { throw new GetterError("f"); }, enumerable: true }), 5),
    "admit: a bigint issuedAt": () => api.admit(request({ issuedAt: 2n ** 64n }), 5),
    "admit: a throwing policy": () => api.admit(request(), 5, throwing()),
    "admit: a Reconcile event": () => api.admit({ state: { kind: "Active" }, event: { type: "Reconcile", conditions: { clusterFrozen: true } } }, 5),
    "fromView: a throwing sdk view": () => api.fromView(throwing(), 5, "sdk"),
    "fromView: a revoked snapshot view": () => api.fromView(revoked(), 5, "snapshot"),
    "fromView: a snapshot view whose inner object throws": () => api.fromView({ Maintenance: getter("since_ms") }, 5, "snapshot"),
    "fromView: a bigint above 2^64": () => api.fromView({ kind: "Maintenance", sinceMs: 2n ** 65n }, 5, "sdk"),
    "fromView: a throwing dialect": () => api.fromView({ kind: "Active" }, 5, throwing()),
    "toView: a throwing state": () => api.toView(throwing(), 5, "ffi"),
    "adminSigningPayload: a throwing command": () => api.adminSigningPayload(throwing(), 5),
    "adminSigningPayload: a throwing node getter": () => api.adminSigningPayload({ type: "ExitMaintenance", get node() { throw new GetterError("node"); } }, 5),
    "adminSigningPayload: a node id of 2^64": () => api.adminSigningPayload({ type: "ExitMaintenance", node: 2n ** 64n }, 5),
    "prepareAdminCommit: a throwing registry": () => api.prepareAdminCommit(commit(new Uint8Array(64)), 5, throwing()),
    "prepareAdminCommit: a registry entry getter that throws": () => api.prepareAdminCommit(commit(new Uint8Array(64)), 5, getter("1")),
    "prepareAdminCommit: a non-hex signature": () => api.prepareAdminCommit(commit("zz"), 5, { 1: KEY }),
    "prepareAdminCommit: a 63-byte signature": () => api.prepareAdminCommit(commit(new Uint8Array(63)), 5, { 1: KEY }),
    "prepareAdminCommit: a throwing signature object": () => api.prepareAdminCommit({ command: { type: "ExitMaintenance", node: "1" }, issuedAt: 5, signature: throwing() }, 5, { 1: KEY }),
    "prepareAdminCommit: a signature on a detached buffer": () => api.prepareAdminCommit(commit(detached()), 5, { 1: KEY }),
    "prepareAdminCommit: Object.create(Uint8Array.prototype) as signature": () => api.prepareAdminCommit(commit(Object.create(Uint8Array.prototype)), 5, { 1: KEY }),
    "prepareAdminCommit: a proxy of a Uint8Array as signature": () => api.prepareAdminCommit(commit(new Proxy(new Uint8Array(64), {})), 5, { 1: KEY }),
    "prepareAdminCommit: a Uint8Array subclass whose length throws": () => api.prepareAdminCommit(commit(new ThrowingLength(64)), 5, { 1: KEY }),
    "checkOperatorRegistry: 5000 operators": () => api.checkOperatorRegistry(Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [String(i), KEY]))),
    "checkOperatorRegistry: a revoked registry": () => api.checkOperatorRegistry(revoked()),
    "Machine.allowedActions: throwing options": () => machine.allowedActions(5, throwing()),
    "Machine.allowedActions: a frozenUntil getter that throws": () => machine.allowedActions(5, getter("frozenUntil")),
    "transition: a throwing config.profile getter": () => api.transition({ kind: "Active" }, { type: "EnterMaintenance" }, 5, getter("profile")),
    "reconcile: a throwing conditions.clusterFrozen getter": () => api.reconcile({ kind: "Active" }, getter("clusterFrozen"), 5),
  };
}


if (parentPort) {
  const { what } = workerData;
  // A fresh instance of each module: this worker's own module graph.
  const { esm: api } = await import("./package.mjs");
  const memory = () => api.__internal.memoryBytes();
  const call = hostileCalls(api)[what];
  let trapped = null;
  const once = () => {
    try { call(); } catch (error) { if (error instanceof WebAssembly.RuntimeError) trapped ??= error.message; }
  };
  for (let i = 0; i < 20; i++) once(); // warm up: interned strings and caches settle
  const bytes = memory();
  for (let i = 0; i < REPEAT; i++) once();
  const grown = { bytes: memory() - bytes };
  let vectors;
  try {
    const { failures, count } = runVectors(api, loadVectors());
    vectors = { failures: failures.length, count };
  } catch (error) {
    vectors = { failures: -1, count: 0, error: String(error) };
  }
  parentPort.postMessage({ ...grown, trapped, vectors });
}
