// The columnar API: a chain or a fleet as typed-array columns, copied into
// the bulk module a chunk at a time and folded there by the core's loops.
// Typed arrays are read through the intrinsics, so a subclass or a proxy
// cannot substitute its own methods or lengths; columns that are not
// genuine, or not of one length, go to the slow path, which names what is
// wrong.
import { bulk as wasm } from "./instances.js";
import { call, answer } from "./codec.js";

export { MaintenanceInputError, isMaintenanceInputError } from "./error.js";

const TypedArray = Object.getPrototypeOf(Uint8Array);
const intrinsic = (name) => Object.getOwnPropertyDescriptor(TypedArray.prototype, name).get;
const tagOfArray = intrinsic(Symbol.toStringTag), lengthOf = intrinsic("length");
const bufferOf = intrinsic("buffer"), offsetOf = intrinsic("byteOffset");
const CHUNK = 16 * 1024;

/** A genuine view of `value` if it is a typed array of type `Type`, else null. */
function genuine(value, Type) {
  try {
    if (tagOfArray.call(value) !== Type.name) return null;
    return new Type(bufferOf.call(value), offsetOf.call(value), lengthOf.call(value));
  } catch {
    return null;
  }
}

const CHAIN_COLUMNS = [["kind", Uint8Array], ["at", Float64Array], ["param", Float64Array]];
const FLEET_COLUMNS = [["kind", Uint8Array], ["since", Float64Array], ["deadline", Float64Array], ["conditions", Uint8Array]];

/** The columns named in `spec` ([name, Type]) as genuine views of one length, or null. */
function columnsOf(value, spec) {
  try {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return null;
    let keys = 0;
    for (const _ in value) keys++;
    if (keys !== spec.length) return null;
    const columns = spec.map(([name, Type]) => genuine(value[name], Type));
    if (columns.some((column) => column === null)) return null;
    const length = columns[0].length;
    return columns.every((column) => column.length === length) ? columns : null;
  } catch {
    return null;
  }
}

/** Replays a chain given as typed-array columns. */
export function replayPacked(columns, options) {
  const views = columnsOf(columns, CHAIN_COLUMNS);
  if (views === null) return call(wasm, "slowReplayPacked", [columns, options], replayPacked, true)[0];
  call(wasm, "packedStart", [options], replayPacked);
  const [kind, at, param] = views;
  for (let start = 0; start < kind.length; start += CHUNK) {
    const n = Math.min(CHUNK, kind.length - start);
    const floats = wasm.chainChunk(n), bytes = wasm.chunkBytes();
    const memory = wasm.memory.buffer;
    new Float64Array(memory, floats, n).set(at.subarray(start, start + n));
    new Float64Array(memory, floats + 8 * n, n).set(param.subarray(start, start + n));
    new Uint8Array(memory, bytes, n).set(kind.subarray(start, start + n));
    answer(wasm, wasm.packedPush(n), replayPacked);
  }
  return answer(wasm, wasm.packedFinish(), replayPacked)[0];
}

/** Reconciles a whole fleet given as typed-array columns; the arguments are not modified. */
export function reconcileFleet(fleet, now, config) {
  const views = columnsOf(fleet, FLEET_COLUMNS);
  if (views === null) return call(wasm, "slowReconcileFleet", [fleet, now, config], reconcileFleet, true)[0];
  call(wasm, "fleetStart", [now, config], reconcileFleet);
  const [kind, since, deadline, conditions] = views;
  const n = kind.length;
  const outKind = new Uint8Array(n), outSince = new Float64Array(n), outDeadline = new Float64Array(n);
  for (let start = 0; start < n; start += CHUNK) {
    const count = Math.min(CHUNK, n - start), end = start + count;
    const floats = wasm.fleetChunk(count), bytes = wasm.chunkBytes();
    let memory = wasm.memory.buffer;
    new Float64Array(memory, floats, count).set(since.subarray(start, end));
    new Float64Array(memory, floats + 8 * count, count).set(deadline.subarray(start, end));
    new Uint8Array(memory, bytes, count).set(kind.subarray(start, end));
    new Uint8Array(memory, bytes + count, count).set(conditions.subarray(start, end));
    answer(wasm, wasm.fleetReconcile(count), reconcileFleet);
    memory = wasm.memory.buffer;
    outSince.set(new Float64Array(memory, floats, count), start);
    outDeadline.set(new Float64Array(memory, floats + 8 * count, count), start);
    outKind.set(new Uint8Array(memory, bytes, count), start);
  }
  const [changed] = answer(wasm, wasm.fleetFinish(), reconcileFleet);
  return { kind: outKind, since: outSince, deadline: outDeadline, changed };
}
