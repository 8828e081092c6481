// The package's API. Each function reads its arguments whole, crosses into
// the module once with numbers (the fast path: `protocol.js`, generated from
// wasm/src/protocol.rs), and builds the result from the numbers it gets back.
// Nothing here judges a value: the module decides what is valid, what the
// rules say and every message. Whatever the fast path cannot vouch for (a
// getter that throws, a proxy, an unknown field, a malformed value) goes to
// the slow path, which hands the values themselves to the module's strict
// decoders and so returns the same answer or throws the exact
// MaintenanceInputError.
import * as raw from "./web/mesh_maintenance_wasm.js";
import {
  STATE_KINDS, EVENT_TYPES, PROFILES, CONDITIONS, OUTCOMES, REJECT_CODES, MAKE_STATE,
  NUMBER, ABSENT, NULL, TRUE, FALSE, STRING, OTHER, UNKNOWN, MAX_KEYS,
  STATE_META, EVENT_META, CONDITIONS_META, CONFIG_META, STATUS, REASON, SUCCESSOR, PREDICATES, ALLOWED,
  OUT_LEN, MESSAGE_COUNT,
} from "./protocol.js";
import { verifier } from "./verify.js";

const KIND = new Map(STATE_KINDS.map((name, code) => [name, code]));
const TYPE = new Map(EVENT_TYPES.map((name, code) => [name, code]));
const PROFILE = new Map(PROFILES.map((name, code) => [name, code + 1]));
const [ENTER, EXIT, OBSERVED, RECONCILE] = ["EnterMaintenance", "ExitMaintenance", "TransitionObserved", "Reconcile"].map((name) => TYPE.get(name));
const APPLIED = OUTCOMES.indexOf("applied"), UNCHANGED = OUTCOMES.indexOf("unchanged");

// The module's readers for the slow path: each read that can run user code
// (a getter, a proxy trap) is tried here and answers THROWN instead of
// throwing, so no exception ever crosses into the module (see wasm/src/js.rs).
const THROWN = Object.freeze({});
let lastThrown;
const caught = (error) => ((lastThrown = error), THROWN);
const TYPED_ARRAYS = { Uint8Array, Float64Array };
const host = [
  (object, key) => { try { return object[key]; } catch (error) { return caught(error); } },
  (object) => { try { return Object.keys(object); } catch (error) { return caught(error); } },
  (value) => { try { return Array.isArray(value); } catch (error) { return caught(error); } },
  (value, name) => genuine(value, TYPED_ARRAYS[name]),
  () => { const error = lastThrown; lastThrown = undefined; return error; },
  THROWN,
];
let installed = false;
/** The module, its readers installed (on first use: the module is initialized by then). */
function ready() {
  if (!installed) {
    raw.installHost(...host);
    installed = true;
  }
  return raw;
}

/** How many calls took the slow path: a test checks valid input never does. */
let slowCalls = 0;
/** For the package's own tests: slow-path calls, and the module's memory in bytes. */
export const __internal = { slowCalls: () => slowCalls, memoryBytes: () => raw.wasmMemory().buffer.byteLength };

function tagOf(value) {
  switch (typeof value) {
    case "number": return NUMBER;
    case "undefined": return ABSENT;
    case "boolean": return value ? TRUE : FALSE;
    case "string": return STRING;
    default: return value === null ? NULL : OTHER;
  }
}

/** A plain object to read fields from (Array.isArray throws for a revoked proxy: the caller catches). */
function isRecord(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The object's enumerable keys, capped at MAX_KEYS, counted without
 * allocating (Object.keys builds an array per call). Inherited enumerable
 * keys count too; an over-count only sends the call to the slow path, which
 * reads own keys.
 */
function keyCount(object) {
  let count = 0;
  for (const _ in object) if (++count === MAX_KEYS) break;
  return count;
}

// What the readers below found, kept in module slots rather than returned
// as objects so that a fast call allocates nothing but its result. Each
// reader writes its slots last, after every getter it runs, and callers copy
// them to locals at once: a getter that calls back into the package
// overwrites nothing a caller still needs.
let sMeta = 0, sSince = 0, sDeadline = 0, sUnits = 0, sReason; // readState
let eMeta = 0, eParam = 0, eNestedMeta = 0; // readEvent
let nSince = 0, nDeadline = 0, nUnits = 0, nReason; // readEvent: an observed state
let cMeta = 0, cDefaultDrain = 0, cRamp = 0; // readConfig
let tMeta = 0, tSince = 0, tDeadline = 0, tUnits = 0, tReason; // readTarget

/** Reads a state object into the s* slots; false if it is not a record. */
function readState(state) {
  if (!isRecord(state)) return false;
  const kind = KIND.get(state.kind) ?? UNKNOWN;
  const since = state.since, deadline = state.deadline, reason = state.reason;
  const sinceTag = tagOf(since), deadlineTag = tagOf(deadline), reasonTag = tagOf(reason);
  const keys = keyCount(state);
  sMeta = kind | keys << STATE_META.KEYS | sinceTag << STATE_META.SINCE
    | deadlineTag << STATE_META.DEADLINE | reasonTag << STATE_META.REASON;
  sSince = sinceTag === NUMBER ? since : 0;
  sDeadline = deadlineTag === NUMBER ? deadline : 0;
  sUnits = reasonTag === STRING ? reason.length : 0;
  sReason = reason;
  return true;
}

// One load site per condition (a loop over the names makes every load
// megamorphic); a condition added to the protocol must be read here too.
const [DRAINED, STOPPED, HEALTHY, FROZEN, ...unread] = CONDITIONS;
if (unread.length !== 0 || FROZEN === undefined) throw new Error(`api.js reads 4 conditions, protocol.js has ${CONDITIONS.length}`);
const FLAG = CONDITIONS_META.FLAGS;

function conditionsMeta(conditions) {
  return OTHER << CONDITIONS_META.SHAPE | keyCount(conditions) << CONDITIONS_META.KEYS
    | tagOf(conditions[DRAINED]) << FLAG | tagOf(conditions[STOPPED]) << FLAG + 3
    | tagOf(conditions[HEALTHY]) << FLAG + 6 | tagOf(conditions[FROZEN]) << FLAG + 9;
}

/**
 * Reads an event into the e* slots (`eNestedMeta` the observed state's meta
 * or the conditions') and an observed state into the n* slots; false if it is
 * not a record of a known type.
 */
function readEvent(event) {
  if (!isRecord(event)) return false;
  const type = TYPE.get(event.type) ?? UNKNOWN;
  const keys = keyCount(event);
  let field = ABSENT, param = 0, nestedMeta = 0, nestedTag = ABSENT;
  let since = 0, deadline = 0, units = 0, reason;
  switch (type) {
    case ENTER: {
      const window = event.drainForMs;
      field = tagOf(window);
      if (field === NUMBER) param = window;
      break;
    }
    case EXIT:
      field = tagOf(event.force);
      break;
    case OBSERVED:
      if (!readState(event.state)) return false;
      nestedMeta = sMeta, since = sSince, deadline = sDeadline, units = sUnits, reason = sReason;
      nestedTag = OTHER;
      break;
    case RECONCILE: {
      const conditions = event.conditions;
      if (!isRecord(conditions)) return false;
      nestedMeta = conditionsMeta(conditions);
      nestedTag = OTHER;
      break;
    }
    default:
      return false;
  }
  eMeta = type | keys << EVENT_META.KEYS | field << EVENT_META.FIELD | nestedTag << EVENT_META.NESTED;
  eParam = param;
  eNestedMeta = nestedMeta;
  nSince = since, nDeadline = deadline, nUnits = units, nReason = reason;
  return true;
}

/** Reads a config argument into the c* slots; false if it is neither absent nor a record. */
function readConfig(config) {
  if (config === undefined) {
    cMeta = ABSENT << CONFIG_META.SHAPE, cDefaultDrain = 0, cRamp = 0;
    return true;
  }
  if (!isRecord(config)) return false;
  const profile = config.profile;
  const code = profile === undefined ? 0 : PROFILE.get(profile) ?? UNKNOWN;
  const defaultDrain = config.defaultDrainForMs, ramp = config.recoveryRampWindowMs;
  const drainTag = tagOf(defaultDrain), rampTag = tagOf(ramp);
  const keys = keyCount(config);
  cMeta = OTHER << CONFIG_META.SHAPE | keys << CONFIG_META.KEYS | code << CONFIG_META.PROFILE
    | drainTag << CONFIG_META.DEFAULT_DRAIN | rampTag << CONFIG_META.RAMP;
  cDefaultDrain = drainTag === NUMBER ? defaultDrain : 0;
  cRamp = rampTag === NUMBER ? ramp : 0;
  return true;
}

let out = null;
/** The numbers a fast answer left in the module's memory (re-viewed after the memory grows). */
function outputs() {
  if (out === null || out.byteLength === 0) out = new Float64Array(raw.wasmMemory().buffer, raw.outPointer(), OUT_LEN);
  return out;
}

/** Rendered messages by number: a packed array, filled as they are first met. */
const MESSAGES = new Array(MESSAGE_COUNT).fill(null);
function message(status) {
  const id = status >>> STATUS.MESSAGE;
  return MESSAGES[id] ??= raw.messageText(id);
}

/** A state object from numbers the module vouched for. */
function stateOf(meta, since, deadline, reason) {
  return MAKE_STATE[meta & 7](since, (meta >> STATE_META.DEADLINE & 7) === NUMBER ? deadline : null, reason);
}

/**
 * The `meta` of a state held as numbers, by kind and by whether its deadline
 * is a number: what readState makes of such a state, so the layout is read
 * from the one reader rather than restated.
 */
const HELD_META = STATE_KINDS.map((_, kind) =>
  [null, 0].map((deadline) => (readState(MAKE_STATE[kind](0, deadline, "")), sMeta)));

/** Reads the new state of an applied answer into the t* slots. */
function readTarget(status, observedReason) {
  const values = outputs();
  const kind = status >> STATUS.TO_KIND & 7, hasDeadline = status >> STATUS.HAS_DEADLINE & 1;
  let reason;
  switch (status >> STATUS.REASON & 3) {
    case REASON.OBSERVED: reason = observedReason; break;
    case REASON.ELAPSED: reason = raw.elapsedReason(values[2]); break;
  }
  tMeta = HELD_META[kind][hasDeadline], tSince = values[0], tDeadline = hasDeadline ? values[1] : 0;
  tUnits = reason === undefined ? 0 : reason.length, tReason = reason;
}

/**
 * A verdict from a fast answer: `from` built from the given numbers, `to`
 * (if applied) read into the t* slots, where a Machine or a replay finds it.
 */
function verdictOf(status, meta, since, deadline, reason, observedReason) {
  const outcome = status >> STATUS.OUTCOME & 3;
  const from = stateOf(meta, since, deadline, reason);
  if (outcome === APPLIED) {
    readTarget(status, observedReason);
    return { outcome: "applied", from, to: stateOf(tMeta, tSince, tDeadline, tReason), message: message(status) };
  }
  const to = stateOf(meta, since, deadline, reason);
  if (outcome === UNCHANGED) return { outcome: "unchanged", from, to, message: message(status) };
  return { outcome: "rejected", from, to, code: REJECT_CODES[status >> STATUS.CODE & 7], message: message(status) };
}

const applied = (status) => (status >> STATUS.OUTCOME & 3) === APPLIED;

/** What `event` does to `state` at `now`; pure. */
export function transition(state, event, now, config) {
  try {
    if (readState(state)) {
      const meta = sMeta, since = sSince, deadline = sDeadline, units = sUnits, reason = sReason;
      if (readConfig(config)) {
        const config = cMeta, defaultDrain = cDefaultDrain, ramp = cRamp;
        if (readEvent(event) && typeof now === "number") {
          const status = raw.fastTransition(
            meta, since, deadline, units, eMeta, eParam, eNestedMeta, nSince, nDeadline, nUnits,
            now, config, defaultDrain, ramp,
          );
          if (status !== 0) return verdictOf(status, meta, since, deadline, reason, nReason);
        }
      }
    }
  } catch {
    // the slow path says what is wrong
  }
  slowCalls++;
  return ready().slowTransition(state, event, now, config);
}

/** The state reconcile moves `state` to, or null. */
export function reconcile(state, conditions, now, config) {
  try {
    if (readState(state)) {
      const meta = sMeta, since = sSince, deadline = sDeadline, units = sUnits;
      if (readConfig(config)) {
        const config = cMeta, defaultDrain = cDefaultDrain, ramp = cRamp;
        if (isRecord(conditions) && typeof now === "number") {
          const status = raw.fastReconcile(meta, since, deadline, units, conditionsMeta(conditions), now, config, defaultDrain, ramp);
          if (status !== 0) {
            if (!applied(status)) return null;
            readTarget(status, undefined);
            return stateOf(tMeta, tSince, tDeadline, tReason);
          }
        }
      }
    }
  } catch {
    // the slow path says what is wrong
  }
  slowCalls++;
  return ready().slowReconcile(state, conditions, now, config);
}

export function isValidSuccessor(from, to) {
  try {
    if (readState(from)) {
      const meta = sMeta, since = sSince, deadline = sDeadline, units = sUnits;
      if (readState(to)) {
        const status = raw.fastSuccessor(meta, since, deadline, units, sMeta, sSince, sDeadline, sUnits);
        if (status !== 0) return (status >> SUCCESSOR.VALID & 1) === 1;
      }
    }
  } catch {
    // the slow path says what is wrong
  }
  slowCalls++;
  return ready().slowIsValidSuccessor(from, to);
}

/** [isNonActive, isSteadyMaintenance, since, rank] of a state. */
function predicates(state) {
  try {
    if (readState(state)) {
      const since = sSince;
      const status = raw.fastPredicates(sMeta, since, sDeadline, sUnits);
      if (status !== 0) {
        const bit = (shift) => (status >> shift & 1) === 1;
        return [bit(PREDICATES.NON_ACTIVE), bit(PREDICATES.STEADY), bit(PREDICATES.HAS_SINCE) ? since : null, status >> PREDICATES.RANK & 7];
      }
    }
  } catch {
    // the slow path says what is wrong
  }
  slowCalls++;
  return ready().slowPredicates(state);
}

export const isNonActive = (state) => predicates(state)[0];
export const isSteadyMaintenance = (state) => predicates(state)[1];
export const since = (state) => predicates(state)[2];
export const rank = (state) => predicates(state)[3];

/** The meta of a state held as numbers (`Machine`, `replay`), its deadline a number or null. */
const heldMeta = (kind, deadline) => HELD_META[kind][deadline === null ? 0 : 1];

/** The config held as numbers: what readConfig makes of its object. */
function heldConfig(numbers) {
  readConfig(configObject(numbers));
  return { meta: cMeta, defaultDrain: cDefaultDrain, ramp: cRamp };
}

/** A config object from its numbers, for the slow path. */
function configObject([profile, defaultDrain, ramp]) {
  return { profile: PROFILES[profile], defaultDrainForMs: defaultDrain, recoveryRampWindowMs: ramp };
}

/** Holds one node's state, as numbers; every method asks the module. */
export class Machine {
  #meta = 0;
  #since = 0;
  #deadline = 0;
  #units = 0;
  #reason;
  #config;
  #configNumbers;

  constructor(options) {
    const [kind, since, deadline, reason, profile, defaultDrain, ramp] = ready().machineOptions(options);
    this.#hold(kind, since, deadline, reason);
    this.#configNumbers = [profile, defaultDrain, ramp];
    this.#config = heldConfig(this.#configNumbers);
  }

  #hold(kind, since, deadline, reason) {
    this.#meta = heldMeta(kind, deadline);
    this.#since = since;
    this.#deadline = deadline ?? 0;
    this.#units = reason === undefined ? 0 : reason.length;
    this.#reason = reason;
  }

  get state() {
    return stateOf(this.#meta, this.#since, this.#deadline, this.#reason);
  }

  toJSON() {
    return this.state;
  }

  /** What `apply` would do; changes nothing. */
  check(event, now) {
    return this.#decide(event, now, false);
  }

  /** Applies `event`; the state changes only when the verdict is applied. */
  apply(event, now) {
    return this.#decide(event, now, true);
  }

  #decide(event, now, apply) {
    try {
      // The event is read first: a getter that calls back into this machine
      // finds it consistent, and this call uses the state as it is after.
      if (readEvent(event) && typeof now === "number") {
        const meta = this.#meta, since = this.#since, deadline = this.#deadline, reason = this.#reason, c = this.#config;
        const status = raw.fastTransition(
          meta, since, deadline, this.#units, eMeta, eParam, eNestedMeta, nSince, nDeadline, nUnits,
          now, c.meta, c.defaultDrain, c.ramp,
        );
        if (status !== 0) {
          const verdict = verdictOf(status, meta, since, deadline, reason, nReason);
          if (apply && applied(status)) {
            this.#meta = tMeta, this.#since = tSince, this.#deadline = tDeadline, this.#units = tUnits, this.#reason = tReason;
          }
          return verdict;
        }
      }
    } catch {
      // the slow path says what is wrong
    }
    slowCalls++;
    const verdict = ready().slowMachineEvent(this.#options(), event, now);
    if (apply && verdict.outcome === "applied") {
      const to = verdict.to;
      this.#hold(KIND.get(to.kind), to.since ?? 0, to.deadline ?? null, to.reason);
    }
    return verdict;
  }

  /** Which operator buttons a console should enable at `now`; none while a freeze holds. */
  allowedActions(now, options) {
    try {
      let optionsTag = ABSENT, keys = 0, frozenTag = ABSENT, frozenUntil = 0;
      if (options !== undefined) {
        if (!isRecord(options)) throw options;
        optionsTag = OTHER;
        keys = keyCount(options);
        const until = options.frozenUntil;
        frozenTag = tagOf(until);
        if (frozenTag === NUMBER) frozenUntil = until;
      }
      if (typeof now === "number") {
        const c = this.#config;
        const status = raw.fastAllowed(
          this.#meta, this.#since, this.#deadline, this.#units, now, optionsTag, keys, frozenTag, frozenUntil,
          c.meta, c.defaultDrain, c.ramp,
        );
        if (status !== 0) {
          const bit = (shift) => (status >> shift & 1) === 1;
          return { enterMaintenance: bit(ALLOWED.ENTER), exitMaintenance: bit(ALLOWED.EXIT), forceExit: bit(ALLOWED.FORCE) };
        }
      }
    } catch {
      // the slow path says what is wrong
    }
    slowCalls++;
    return ready().slowAllowed(this.#options(), now, options);
  }

  #options() {
    return { state: this.state, config: configObject(this.#configNumbers) };
  }

  /** Nothing to release: the machine's state lives here, not in the module. */
  free() {}

  [Symbol.dispose]() {}
}

/** Folds `transition` over `entries`; a malformed entry throws. */
export function replay(entries, options) {
  try {
    if (Array.isArray(entries)) {
      const [kind, since0, deadline0, reason0, profile, defaultDrain, ramp] = ready().replayOptions(options);
      const config = heldConfig([profile, defaultDrain, ramp]);
      let meta = heldMeta(kind, deadline0), since = since0, deadline = deadline0 ?? 0;
      let units = reason0 === undefined ? 0 : reason0.length, reason = reason0;
      let appliedCount = 0, unchanged = 0;
      const rejected = [];
      const length = entries.length;
      for (let index = 0; index < length; index++) {
        const entry = entries[index];
        if (!isRecord(entry) || keyCount(entry) !== 2) throw entry;
        const at = entry.at;
        if (!readEvent(entry.event) || typeof at !== "number") throw entry;
        const status = raw.fastTransition(
          meta, since, deadline, units, eMeta, eParam, eNestedMeta, nSince, nDeadline, nUnits,
          at, config.meta, config.defaultDrain, config.ramp,
        );
        if (status === 0) throw entry;
        switch (status >> STATUS.OUTCOME & 3) {
          case APPLIED:
            appliedCount++;
            readTarget(status, nReason);
            meta = tMeta, since = tSince, deadline = tDeadline, units = tUnits, reason = tReason;
            break;
          case UNCHANGED: unchanged++; break;
          default: rejected.push({ index, verdict: verdictOf(status, meta, since, deadline, reason, undefined) });
        }
      }
      return { state: stateOf(meta, since, deadline, reason), applied: appliedCount, unchanged, rejected };
    }
  } catch {
    // the slow path says what is wrong (or recomputes an unusual chain)
  }
  slowCalls++;
  return ready().slowReplay(entries, options);
}

export const admit = (request, now, policy) => ready().admit(request, now, policy);
export const fromView = (view, observedAt, dialect) => ready().fromView(view, observedAt, dialect);
export const toView = (state, now, dialect) => ready().toView(state, now, dialect);
export const adminSigningPayload = (command, issuedAt) => ready().adminSigningPayload(command, issuedAt);
export const prepareAdminCommit = (commit, now, registry, policy) => ready().prepareAdminCommit(commit, now, registry, policy);
export const checkOperatorRegistry = (registry) => ready().checkOperatorRegistry(registry);
/** Checks a signed admin commit: `prepareAdminCommit`, then WebCrypto's Ed25519 (verify.js). */
export const verifyAdminCommit = verifier(prepareAdminCommit);

// The columnar API. Typed arrays are read through the intrinsics, so a
// subclass or a proxy cannot substitute its own methods or lengths; the
// module gets genuine views, a chunk at a time.
const TypedArray = Object.getPrototypeOf(Uint8Array);
const intrinsic = (name) => Object.getOwnPropertyDescriptor(TypedArray.prototype, name).get;
const tagOfArray = Object.getOwnPropertyDescriptor(TypedArray.prototype, Symbol.toStringTag).get;
const lengthOf = intrinsic("length"), bufferOf = intrinsic("buffer"), offsetOf = intrinsic("byteOffset");
const { set: setArray } = TypedArray.prototype;
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
  if (!isRecord(value) || keyCount(value) !== spec.length) return null;
  const columns = spec.map(([name, Type]) => genuine(value[name], Type));
  if (columns.some((column) => column === null)) return null;
  const length = columns[0].length;
  return columns.every((column) => column.length === length) ? columns : null;
}

/** Replays a chain given as typed-array columns. */
export function replayPacked(columns, options) {
  let views = null;
  try {
    views = columnsOf(columns, CHAIN_COLUMNS);
  } catch {
    views = null;
  }
  if (views === null) {
    slowCalls++;
    return ready().slowReplayPacked(columns, options);
  }
  const [kind, at, param] = views;
  const run = new (ready().PackedReplayRun)(options);
  for (let start = 0; start < kind.length; start += CHUNK) {
    const end = Math.min(start + CHUNK, kind.length);
    try {
      run.push(kind.subarray(start, end), at.subarray(start, end), param.subarray(start, end));
    } catch (error) {
      run.free();
      throw error;
    }
  }
  return run.finish();
}

/** Reconciles a whole fleet given as typed-array columns; the arguments are not modified. */
export function reconcileFleet(fleet, now, config) {
  let views = null;
  try {
    views = columnsOf(fleet, FLEET_COLUMNS);
  } catch {
    views = null;
  }
  if (views === null) {
    slowCalls++;
    return ready().slowReconcileFleet(fleet, now, config);
  }
  const [kind, since, deadline, conditions] = views;
  const run = new (ready().FleetRun)(now, config);
  const n = kind.length;
  const outKind = new Uint8Array(n), outSince = new Float64Array(n), outDeadline = new Float64Array(n);
  setArray.call(outKind, kind);
  setArray.call(outSince, since);
  setArray.call(outDeadline, deadline);
  for (let start = 0; start < n; start += CHUNK) {
    const end = Math.min(start + CHUNK, n);
    try {
      run.reconcile(outKind.subarray(start, end), outSince.subarray(start, end), outDeadline.subarray(start, end), conditions.subarray(start, end));
    } catch (error) {
      run.free();
      throw error;
    }
  }
  return { kind: outKind, since: outSince, deadline: outDeadline, changed: run.finish() };
}
