// Object shapes of the JavaScript API, imported by the wasm module. V8 reads
// named properties and builds object literals far faster than wasm can
// through Reflect, so the module reads arguments and builds results here.
// No rule lives here: the readers only report what they find (a finite
// number, a boolean, a tag's position), and anything else sends the Rust
// decoder down its general path, which judges and reports it. No function
// here lets an exception escape into the module, but `elementOf`, whose
// import the module wraps to catch it.

/** A finite number field's value, or NaN for anything else (absent included). */
export function numberField(object, key) {
  try {
    const value = object[key];
    return typeof value === "number" && Number.isFinite(value) ? value : NaN;
  } catch {
    return NaN;
  }
}

/** 1 true, 0 false, 2 absent (undefined), 3 anything else or unreadable. */
export function boolField(object, key) {
  try {
    const value = object[key];
    return value === true ? 1 : value === false ? 0 : value === undefined ? 2 : 3;
  } catch {
    return 3;
  }
}

/** The position of the field's value in `positions` (a Map), or -1. */
export function tagField(object, key, positions) {
  try {
    const position = positions.get(object[key]);
    return position === undefined ? -1 : position;
  } catch {
    return -1;
  }
}

/** How many own enumerable keys, or -1 if they cannot be listed. */
export function keyCount(object) {
  try {
    return Object.keys(object).length;
  } catch {
    return -1;
  }
}

/** `array[index]` (exceptions are caught by the module's import wrapper). */
export function elementOf(array, index) {
  return array[index];
}

/** 0 undefined, 1 null, 2 boolean, 3 number, 4 string, 5 array, 6 object, 7 other. */
export function shapeOf(value) {
  switch (typeof value) {
    case "undefined": return 0;
    case "boolean": return 2;
    case "number": return 3;
    case "string": return 4;
    case "object":
      if (value === null) return 1;
      try {
        return Array.isArray(value) ? 5 : 6;
      } catch {
        return 6; // a revoked proxy
      }
    default: return 7;
  }
}

/**
 * A state object. The module decides its fields: `since < 0` none (Active),
 * a string `reason` (DrainFailed), `deadline >= 0` a deadline, `deadline`
 * -1 a null deadline, anything else no deadline field.
 */
export function makeState(kind, since, deadline, reason) {
  if (since < 0) return { kind };
  if (reason !== undefined) return { kind, since, reason };
  if (deadline >= 0) return { kind, since, deadline };
  if (deadline === -1) return { kind, since, deadline: null };
  return { kind, since };
}

export function makeVerdict(outcome, from, to, code, message) {
  return code === undefined ? { outcome, from, to, message } : { outcome, from, to, code, message };
}

export function makeAllowedActions(enterMaintenance, exitMaintenance, forceExit) {
  return { enterMaintenance, exitMaintenance, forceExit };
}

export function makeReplayResult(state, applied, unchanged, rejected) {
  return { state, applied, unchanged, rejected };
}

export function makeRejectedEntry(index, verdict) {
  return { index, verdict };
}

// Typed arrays are read through the intrinsics, so a subclass or a proxy
// cannot substitute its own methods or lengths.
const TypedArray = Object.getPrototypeOf(Uint8Array);
const tagOf = Object.getOwnPropertyDescriptor(TypedArray.prototype, Symbol.toStringTag).get;
const lengthOf = Object.getOwnPropertyDescriptor(TypedArray.prototype, "length").get;
const { subarray, set } = TypedArray.prototype;

/** The length of `value` if it is a typed array named `tag` (e.g. "Float64Array"), else -1. */
export function typedArrayLength(value, tag) {
  try {
    return tagOf.call(value) === tag ? lengthOf.call(value) : -1;
  } catch {
    return -1;
  }
}

/** Copies `source[start ..]` into all of `target`; false if it cannot. */
export function copyFrom(source, start, target) {
  try {
    const part = subarray.call(source, start, start + lengthOf.call(target));
    if (lengthOf.call(part) !== lengthOf.call(target)) return false;
    set.call(target, part);
    return true;
  } catch {
    return false;
  }
}

/** Copies all of `source` into `target` at `start`; false if it cannot. */
export function copyInto(source, target, start) {
  try {
    set.call(target, source, start);
    return true;
  } catch {
    return false;
  }
}

export function makePackedReplayResult(state, applied, unchanged, rejected) {
  return { state, applied, unchanged, rejected };
}

export function makeFleet(kind, since, deadline, changed) {
  return { kind, since, deadline, changed };
}
