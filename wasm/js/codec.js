// The slow path's two halves, beside the bindings: `write` turns arguments
// into the value encoding of protocol.js (VALUE), running every getter and
// proxy trap here, inside a `try`, so the module only ever reads bytes (and
// keeps a plain copy of what it read, for the fast path to run on once the
// module has vouched for it); and `answer` turns an answer back into
// values, or throws the input error it carries. Nothing here judges a
// value: the module does.
import { VALUE, CODEC, ANSWER, ERROR_CODES } from "./protocol.js";
import { MaintenanceInputError } from "./error.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** What reading a value threw, to be written in the value's place. */
export class Thrown {
  #error;
  constructor(error) {
    this.#error = error;
  }
  static error(value) {
    return typeof value === "object" && value !== null && #error in value ? value.#error : NOT_THROWN;
  }
}
const NOT_THROWN = Symbol("not thrown");

// Intrinsics, read once: a subclass, a proxy or a patched prototype cannot
// lie to them, and none of them runs user code.
const TypedArray = Object.getPrototypeOf(Uint8Array);
const intrinsic = (name) => Object.getOwnPropertyDescriptor(TypedArray.prototype, name).get;
const typedName = intrinsic(Symbol.toStringTag), typedLength = intrinsic("length");
const typedBuffer = intrinsic("buffer"), typedOffset = intrinsic("byteOffset");
const getTime = Date.prototype.getTime;
const { isArray } = Array;
const { keys } = Object;

/** A growing byte buffer. */
class Sink {
  bytes = new Uint8Array(256);
  view = new DataView(this.bytes.buffer);
  at = 0;

  room(n) {
    if (this.at + n <= this.bytes.length) return;
    const bytes = new Uint8Array(Math.max(this.bytes.length * 2, this.at + n));
    bytes.set(this.bytes.subarray(0, this.at));
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer);
  }
  u8(n) {
    this.room(1);
    this.bytes[this.at++] = n;
  }
  u32(n) {
    this.room(4);
    this.view.setUint32(this.at, n, true);
    this.at += 4;
  }
  f64(n) {
    this.room(8);
    this.view.setFloat64(this.at, n, true);
    this.at += 8;
  }
  str(text) {
    this.room(4 + 3 * text.length);
    const { written } = encoder.encodeInto(text, this.bytes.subarray(this.at + 4));
    this.view.setUint32(this.at, written, true);
    this.at += 4 + written;
  }
  /** A string, or its length and head when it is too long to copy. */
  text(text) {
    if (text.length <= CODEC.STRING_UNITS) {
      this.u8(VALUE.STRING);
      this.str(text);
    } else {
      this.u8(VALUE.LONG_STRING);
      this.u32(text.length);
      this.str(text.slice(0, CODEC.HEAD_UNITS));
    }
  }
}

/**
 * A genuine typed array, its elements copied up to the cap unless `whole`;
 * one whose buffer is detached is no typed array any more.
 */
function typed(sink, tag, value, Type, whole) {
  const length = typedLength.call(value);
  const copied = whole ? length : Math.min(length, CODEC.COPIED_BYTES);
  let bytes;
  try {
    bytes = new Uint8Array(typedBuffer.call(value), typedOffset.call(value), copied * Type.BYTES_PER_ELEMENT);
  } catch {
    return sink.u8(VALUE.OTHER);
  }
  sink.u8(tag);
  sink.u32(length);
  sink.u32(copied);
  sink.room(bytes.length);
  sink.bytes.set(bytes, sink.at);
  sink.at += bytes.length;
  return value;
}

/** What a read threw: its message when that is a string, else the value itself, shallowly. */
function thrown(sink, error) {
  let message;
  try {
    message = error?.message;
  } catch {
    message = undefined;
  }
  if (typeof message === "string") sink.text(message);
  else if (typeof error !== "object" || error === null) write(sink, error, 0, false);
  else {
    sink.u8(VALUE.OBJECT); // described, not read: "an object"
    sink.u32(0);
    sink.u32(0);
  }
}

/** Writes `value`; answers a plain copy of what it read (what the module judges). */
function write(sink, value, depth, whole) {
  switch (typeof value) {
    case "undefined":
      sink.u8(VALUE.UNDEFINED);
      break;
    case "boolean":
      sink.u8(value ? VALUE.TRUE : VALUE.FALSE);
      break;
    case "number":
      if (Number.isSafeInteger(value) && value >= 0) {
        sink.u8(VALUE.NUMBER);
        sink.f64(value);
      } else {
        sink.u8(VALUE.NUMBER_TEXT);
        sink.f64(value);
        sink.str(String(value));
      }
      break;
    case "string":
      sink.text(value);
      break;
    case "bigint": {
      const limit = 10n ** BigInt(CODEC.BIGINT_DIGITS);
      sink.u8(VALUE.BIGINT);
      sink.str(value < limit && value > -limit ? value.toString() : "");
      break;
    }
    case "symbol":
      sink.u8(VALUE.SYMBOL);
      break;
    case "function":
      sink.u8(VALUE.FUNCTION);
      break;
    case "object":
      if (value === null) sink.u8(VALUE.NULL);
      else return object(sink, value, depth, whole);
      break;
    default:
      sink.u8(VALUE.OTHER);
  }
  return value;
}

/**
 * An object, written with its own enumerable keys (as JSON reads one); the
 * copy is prototype-free and leaves out members that are `undefined`.
 */
function object(sink, value, depth, whole) {
  const error = Thrown.error(value);
  if (error !== NOT_THROWN) {
    sink.u8(VALUE.THROWN);
    return thrown(sink, error);
  }
  if (depth >= CODEC.MAX_DEPTH) return sink.u8(VALUE.DEEP);
  switch (typedName.call(value)) {
    case "Uint8Array": return typed(sink, VALUE.BYTES, value, Uint8Array, whole);
    case "Float64Array": return typed(sink, VALUE.FLOATS, value, Float64Array, whole);
    case undefined: break;
    default: return sink.u8(VALUE.OTHER);
  }
  try {
    getTime.call(value);
    return sink.u8(VALUE.DATE);
  } catch {
    // not a Date
  }
  let names;
  try {
    if (isArray(value)) {
      let length = value.length;
      length = typeof length === "number" && length > 0 ? Math.min(length, 2 ** 32 - 1) >>> 0 : 0;
      sink.u8(VALUE.ARRAY);
      sink.u32(length);
      return new Array(length); // the elements travel one at a time
    }
    names = keys(value);
  } catch (error) {
    sink.u8(VALUE.UNLISTABLE);
    return thrown(sink, error);
  }
  if (names.length > CODEC.MAX_OBJECT_KEYS) {
    sink.u8(VALUE.MANY_KEYS);
    return sink.u32(names.length);
  }
  sink.u8(VALUE.OBJECT);
  sink.u32(names.length);
  const start = sink.at;
  sink.u32(0); // the members' byte length, written below
  const copy = Object.create(null);
  for (const name of names) {
    if (name.length <= CODEC.KEY_UNITS) sink.str(name);
    else sink.u32(CODEC.LONG_KEY);
    let member;
    try {
      member = value[name];
    } catch (error) {
      sink.u8(VALUE.THROWN);
      thrown(sink, error);
      continue;
    }
    member = write(sink, member, depth + 1, whole);
    if (member !== undefined) copy[name] = member;
  }
  sink.view.setUint32(start, sink.at - start - 4, true);
  return copy;
}

/** Writes `args` into the module's input buffer; the copies of what was read. */
function send(wasm, args, whole) {
  // A fresh sink per call: a getter may call back into the package.
  const sink = new Sink();
  const copies = args.map((arg) => write(sink, arg, 0, whole));
  // Room first: making it may grow the memory, detaching any view of it.
  const pointer = wasm.input(sink.at);
  new Uint8Array(wasm.memory.buffer, pointer, sink.at).set(sink.bytes.subarray(0, sink.at));
  return copies;
}

/**
 * Calls the module's export `name` on `args` and returns the values it
 * answers, or throws the MaintenanceInputError it answers (its stack starts
 * at `caller`). `whole` copies typed arrays whole.
 */
export function call(wasm, name, args, caller, whole = false) {
  send(wasm, args, whole);
  return answer(wasm, wasm[name](), caller);
}

/**
 * Has the module's export `name` (given `param`) judge `args`: throws the
 * MaintenanceInputError it answers, else returns plain copies of the
 * arguments as they were read (prototype-free objects, `undefined` members
 * left out, an array as an empty one of its length), for the fast path to
 * run on.
 */
export function check(wasm, name, args, caller, param) {
  const copies = send(wasm, args, false);
  vouched(wasm, wasm[name](param), caller);
  return copies;
}

/** The answer of the last call, `length` bytes, as a reader past its tag; its error thrown. */
function vouched(wasm, length, caller) {
  // The pointer first: a view is only good until the module is next called.
  const pointer = wasm.output();
  const reader = new Reader(new Uint8Array(wasm.memory.buffer, pointer, length));
  if (reader.u8() === ANSWER.ERROR) {
    const code = ERROR_CODES[reader.u8()];
    const error = new MaintenanceInputError(code, reader.str(), reader.str());
    Error.captureStackTrace?.(error, caller);
    throw error;
  }
  return reader;
}

/** The answer of the last call, `length` bytes: its values, or its error thrown. */
export function answer(wasm, length, caller) {
  const reader = new ValueReader(vouched(wasm, length, caller));
  const values = [];
  while (reader.at < reader.bytes.length) values.push(reader.value());
  return values;
}

/** `length` bytes of the module's text answer. */
export function text(wasm, length) {
  const pointer = wasm.output();
  return decoder.decode(new Uint8Array(wasm.memory.buffer, pointer, length));
}

class Reader {
  constructor(bytes) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    this.at = 0;
  }
  u8() {
    return this.bytes[this.at++];
  }
  u32() {
    const n = this.view.getUint32(this.at, true);
    this.at += 4;
    return n;
  }
  str() {
    const length = this.u32();
    return decoder.decode(this.bytes.subarray(this.at, (this.at += length)));
  }
}

/** Values, as the gate's and the columns' functions answer them. */
class ValueReader extends Reader {
  constructor(reader) {
    super(reader.bytes);
    this.at = reader.at;
  }
  /** A copy of `count` elements of `Type` (the module's memory may move). */
  array(Type, count) {
    const size = count * Type.BYTES_PER_ELEMENT;
    const copy = new Type(count);
    new Uint8Array(copy.buffer).set(this.bytes.subarray(this.at, (this.at += size)));
    return copy;
  }
  value() {
    switch (this.u8()) {
      case VALUE.UNDEFINED: return undefined;
      case VALUE.NULL: return null;
      case VALUE.FALSE: return false;
      case VALUE.TRUE: return true;
      case VALUE.NUMBER: {
        const n = this.view.getFloat64(this.at, true);
        this.at += 8;
        return n;
      }
      case VALUE.STRING: return this.str();
      case VALUE.BIGINT: return BigInt(this.str());
      case VALUE.OBJECT: {
        const object = {};
        let count = this.u32();
        this.u32(); // the byte length, which only the module uses
        for (; count > 0; count--) object[this.str()] = this.value();
        return object;
      }
      case VALUE.BYTES: return this.u32(), this.array(Uint8Array, this.u32());
      case VALUE.FLOATS: return this.u32(), this.array(Float64Array, this.u32());
      case VALUE.WORDS: return this.array(Uint32Array, this.u32());
      default: throw new Error("mesh-maintenance: the module answered a value the package cannot read");
    }
  }
}
