// The rules' API. Each function reads its arguments whole, crosses into the
// module once with numbers (the fast path: protocol.js, generated from
// wasm/src/protocol.rs), and builds the result from the numbers it gets
// back. Nothing here judges a value: the module decides what is valid, what
// the rules say and every message. Whatever the fast path cannot vouch for
// (a getter, a proxy, an unknown field, a malformed value) goes to the slow
// path: the arguments travel whole (codec.js), the module decodes them
// strictly, and either throws the exact MaintenanceInputError or answers
// them in their canonical shapes, on which the fast path runs again.
import { rules as wasm } from "./instances.js";
import { check, text, Thrown } from "./codec.js";
import {
  STATE_KINDS, EVENT_TYPES, PROFILES, CONDITIONS, OUTCOMES, REJECT_CODES, STAGES, CALLS, MAKE_STATE,
  RANKS, NON_ACTIVE, STEADY, STATE_FIELDS,
  NUMBER, ABSENT, NULL, TRUE, FALSE, STRING, OTHER, UNKNOWN, MAX_KEYS,
  STATE_META, EVENT_META, CONDITIONS_META, CONFIG_META, REQUEST_META, POLICY_META,
  STATUS, REASON, ALLOWED, OUT_LEN, MESSAGE_COUNT,
} from "./protocol.js";

export { MaintenanceInputError, isMaintenanceInputError } from "./error.js";

const KIND = new Map(STATE_KINDS.map((name, code) => [name, code]));
const TYPE = new Map(EVENT_TYPES.map((name, code) => [name, code]));
const PROFILE = new Map(PROFILES.map((name, code) => [name, code + 1]));
const [ENTER, EXIT, OBSERVED, RECONCILE] = ["EnterMaintenance", "ExitMaintenance", "TransitionObserved", "Reconcile"].map((name) => TYPE.get(name));
const APPLIED = OUTCOMES.indexOf("applied"), UNCHANGED = OUTCOMES.indexOf("unchanged");

/** How many calls took the slow path: a test checks valid input never does. */
let slowCalls = 0;
/**
 * For the package's own tests: slow-path calls, the module's memory in
 * bytes, and the module's exports (a bundled entry has its own instance).
 */
export const __internal = {
  slowCalls: () => slowCalls,
  memoryBytes: () => wasm.memory.buffer.byteLength,
  exports: () => wasm,
};

/**
 * The slow path: the module judges the arguments of `call` (one of CALLS)
 * whole with its strict decoders and throws the exact input error, or
 * vouches for them; then the copies of what was read (plain data) go down
 * the fast path.
 */
function normalize(call, args, caller) {
  slowCalls++;
  return check(wasm, "slowCheck", args, caller, CALL.get(call));
}
const CALL = new Map(CALLS.map((name, code) => [name, code]));

/** A canonical answer the fast path refused: a bug in the package, never in the input. */
function refused() {
  throw new Error("mesh-maintenance: the fast path refused a value the module vouched for (a bug: please report it)");
}

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
 * reads own keys and answers prototype-free objects.
 */
function keyCount(object) {
  let count = 0;
  for (const _ in object) if (++count === MAX_KEYS) break;
  return count;
}

/**
 * A bound on a reason's UTF-8 length the module can check against its
 * limit: three bytes per UTF-16 unit when that is small enough, else the
 * exact count.
 */
function utf8Bound(text) {
  if (text.length * 3 <= 4096) return text.length * 3;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit < 0xdc00 && i + 1 < text.length &&
             (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) bytes += 4, i++;
    else bytes += 3;
  }
  return bytes;
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
  sUnits = reasonTag === STRING ? utf8Bound(reason) : 0;
  sReason = reason;
  return true;
}

// One load site per condition (a loop over the names makes every load
// megamorphic); a condition added to the protocol must be read here too.
const [DRAINED, STOPPED, HEALTHY, FROZEN, ...unread] = CONDITIONS;
if (unread.length !== 0 || FROZEN === undefined) throw new Error(`rules.js reads 4 conditions, protocol.js has ${CONDITIONS.length}`);
const FLAG = CONDITIONS_META.FLAGS;
/** The meta of `{type: "Reconcile", conditions}`: what readEvent makes of one. */
const RECONCILE_EVENT = (readEvent({ type: "Reconcile", conditions: {} }), eMeta);

function conditionsMeta(conditions) {
  return OTHER << CONDITIONS_META.SHAPE | keyCount(conditions) << CONDITIONS_META.KEYS
    | tagOf(conditions[DRAINED]) << FLAG | tagOf(conditions[STOPPED]) << FLAG + 3
    | tagOf(conditions[HEALTHY]) << FLAG + 6 | tagOf(conditions[FROZEN]) << FLAG + 9;
}

/**
 * Reads an event into the e* slots (`eNestedMeta` the observed state's meta
 * or the conditions') and an observed state into the n* slots; false if it is
 * not a record of a known type. `reason` is the current state's reason, to
 * tell the module whether an observed one is the same.
 */
function readEvent(event, reason) {
  if (!isRecord(event)) return false;
  const type = TYPE.get(event.type) ?? UNKNOWN;
  const keys = keyCount(event);
  let field = ABSENT, param = 0, nestedMeta = 0, nestedTag = ABSENT, sameReason = 0;
  let since = 0, deadline = 0, units = 0, observedReason;
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
      nestedMeta = sMeta, since = sSince, deadline = sDeadline, units = sUnits, observedReason = sReason;
      nestedTag = OTHER;
      sameReason = observedReason === reason ? 1 : 0;
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
  eMeta = type | keys << EVENT_META.KEYS | field << EVENT_META.FIELD | nestedTag << EVENT_META.NESTED
    | sameReason << EVENT_META.SAME_REASON;
  eParam = param;
  eNestedMeta = nestedMeta;
  nSince = since, nDeadline = deadline, nUnits = units, nReason = observedReason;
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

let out = null, outOf = null;
/** The numbers a fast answer left in the module's memory (re-viewed after the memory grows). */
function outputs() {
  if (outOf !== wasm || out.byteLength === 0) {
    outOf = wasm;
    const pointer = wasm.outPointer(); // before the view: a call may grow the memory
    out = new Float64Array(wasm.memory.buffer, pointer, OUT_LEN);
  }
  return out;
}

/** Rendered messages by number: a packed array, filled as they are first met. */
const MESSAGES = new Array(MESSAGE_COUNT).fill(null);
/**
 * The message of a fast answer. Read before anything else is asked of the
 * module: a message without a number is in its output buffer until then.
 */
function message(status) {
  if ((status >> STATUS.TEXT & 1) === 1) return text(wasm, outputs()[3]);
  const id = status >>> STATUS.MESSAGE & 0x3fff;
  return MESSAGES[id] ??= text(wasm, wasm.messageText(id));
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

/**
 * Reads the new state of an applied answer into the t* slots. The numbers
 * are read first: rendering a reason asks the module again, which may grow
 * its memory and detach every view of it.
 */
function readTarget(status, observedReason) {
  const values = outputs();
  const since = values[0], deadline = values[1], waited = values[2];
  const kind = status >> STATUS.TO_KIND & 7, hasDeadline = status >> STATUS.HAS_DEADLINE & 1;
  let reason;
  switch (status >> STATUS.REASON & 3) {
    case REASON.OBSERVED: reason = observedReason; break;
    case REASON.ELAPSED: reason = text(wasm, wasm.elapsedReason(waited)); break;
  }
  tMeta = HELD_META[kind][hasDeadline], tSince = since, tDeadline = hasDeadline ? deadline : 0;
  tUnits = reason === undefined ? 0 : utf8Bound(reason), tReason = reason;
}

/**
 * A verdict from a fast answer: `from` built from the given numbers, `to`
 * (if applied) read into the t* slots, where a Machine or a replay finds it.
 */
function verdictOf(status, meta, since, deadline, reason, observedReason) {
  const said = message(status);
  const outcome = status >> STATUS.OUTCOME & 3;
  const from = stateOf(meta, since, deadline, reason);
  if (outcome === APPLIED) {
    readTarget(status, observedReason);
    return { outcome: "applied", from, to: stateOf(tMeta, tSince, tDeadline, tReason), message: said };
  }
  const to = stateOf(meta, since, deadline, reason);
  if (outcome === UNCHANGED) return { outcome: "unchanged", from, to, message: said };
  return { outcome: "rejected", from, to, code: REJECT_CODES[status >> STATUS.CODE & 7], message: said };
}

const applied = (status) => (status >> STATUS.OUTCOME & 3) === APPLIED;

/** `transition` on the fast path: the verdict, or undefined when it cannot vouch. */
function fastTransition(state, event, now, config) {
  try {
    if (!readState(state)) return undefined;
    const meta = sMeta, since = sSince, deadline = sDeadline, units = sUnits, reason = sReason;
    if (!readConfig(config)) return undefined;
    const c = cMeta, defaultDrain = cDefaultDrain, ramp = cRamp;
    if (!readEvent(event, reason) || typeof now !== "number") return undefined;
    const status = wasm.fastTransition(
      meta, since, deadline, units, eMeta, eParam, eNestedMeta, nSince, nDeadline, nUnits,
      now, c, defaultDrain, ramp,
    );
    return status === 0 ? undefined : verdictOf(status, meta, since, deadline, reason, nReason);
  } catch {
    return undefined; // a getter threw: the slow path says what is wrong
  }
}

/** What `event` does to `state` at `now`; pure. */
export function transition(state, event, now, config) {
  const verdict = fastTransition(state, event, now, config);
  if (verdict !== undefined) return verdict;
  const [s, e, n, c] = normalize("transition", [state, event, now, config], transition);
  return fastTransition(s, e, n, c) ?? refused();
}

/** `reconcile` on the fast path: [target or null], or undefined when it cannot vouch. */
function fastReconcile(state, conditions, now, config) {
  try {
    if (!readState(state)) return undefined;
    const meta = sMeta, since = sSince, deadline = sDeadline, units = sUnits;
    if (!readConfig(config)) return undefined;
    const c = cMeta, defaultDrain = cDefaultDrain, ramp = cRamp;
    if (!isRecord(conditions) || typeof now !== "number") return undefined;
    // A Reconcile event carrying the conditions: the module has one entry for both.
    const status = wasm.fastTransition(
      meta, since, deadline, units, RECONCILE_EVENT, 0, conditionsMeta(conditions), 0, 0, 0,
      now, c, defaultDrain, ramp,
    );
    if (status === 0) return undefined;
    if (!applied(status)) return [null];
    readTarget(status, undefined);
    return [stateOf(tMeta, tSince, tDeadline, tReason)];
  } catch {
    return undefined;
  }
}

/** The state reconcile moves `state` to, or null. */
export function reconcile(state, conditions, now, config) {
  const answer = fastReconcile(state, conditions, now, config);
  if (answer !== undefined) return answer[0];
  const [s, k, n, c] = normalize("reconcile", [state, conditions, now, config], reconcile);
  return (fastReconcile(s, k, n, c) ?? refused())[0];
}

/** The meta of `{type: "TransitionObserved", state}`, the state's meta travelling beside. */
const OBSERVED_EVENT = (readEvent({ type: "TransitionObserved", state: { kind: "Active" } }), eMeta);
const REJECTED = OUTCOMES.indexOf("rejected");

/**
 * Whether `to` may follow `from`, on the fast path: the module is asked
 * what observing `to` would do to `from`, which it refuses exactly when
 * `to` is no valid successor (SPEC sections 3 and 4). Undefined when it
 * cannot vouch for the states.
 */
function fastSuccessor(from, to) {
  try {
    if (!readState(from)) return undefined;
    const meta = sMeta, since = sSince, deadline = sDeadline, units = sUnits;
    if (!readState(to)) return undefined;
    const status = wasm.fastTransition(
      meta, since, deadline, units, OBSERVED_EVENT, 0, sMeta, sSince, sDeadline, sUnits, 0, ABSENT, 0, 0,
    );
    return status === 0 ? undefined : (status >> STATUS.OUTCOME & 3) !== REJECTED;
  } catch {
    return undefined;
  }
}

/** Whether `to` may follow `from`: the same kind, or one of the eight arcs. */
export function isValidSuccessor(from, to) {
  const valid = fastSuccessor(from, to);
  if (valid !== undefined) return valid;
  const [f, t] = normalize("isValidSuccessor", [from, to], isValidSuccessor);
  return fastSuccessor(f, t) ?? refused();
}

const RECONCILE_NOTHING = (readEvent({ type: "Reconcile", conditions: { clusterFrozen: true } }), [eMeta, eNestedMeta]);

/**
 * [isNonActive, isSteadyMaintenance, since, rank] of a state, or undefined:
 * the module vouches for the state (asked what a frozen reconcile would
 * do to it), and the predicates of its kind come from the tables generated
 * from the Rust ones (protocol.js).
 */
function fastPredicates(state) {
  try {
    if (!readState(state)) return undefined;
    const kind = sMeta & 7, since = sSince;
    const status = wasm.fastTransition(
      sMeta, since, sDeadline, sUnits, RECONCILE_NOTHING[0], 0, RECONCILE_NOTHING[1], 0, 0, 0, 0, ABSENT, 0, 0,
    );
    if (status === 0) return undefined;
    return [NON_ACTIVE[kind], STEADY[kind], STATE_FIELDS[kind].includes("since") ? since : null, RANKS[kind]];
  } catch {
    return undefined;
  }
}

function predicates(state, caller) {
  return fastPredicates(state) ?? fastPredicates(normalize("predicates", [state], caller)[0]) ?? refused();
}

export const isNonActive = (state) => predicates(state, isNonActive)[0];
export const isSteadyMaintenance = (state) => predicates(state, isSteadyMaintenance)[1];
export const since = (state) => predicates(state, since)[2];
export const rank = (state) => predicates(state, rank)[3];

/** A config held as numbers: what readConfig makes of its object. */
function heldConfig(config) {
  readConfig(config);
  return { meta: cMeta, defaultDrain: cDefaultDrain, ramp: cRamp, object: config };
}

/**
 * `{state, config}` from a Machine's options: read on the fast path when
 * the module vouches for both (asked through `fastAllowed`), else decoded
 * on the slow path.
 */
function machineOptions(options) {
  try {
    let state = { kind: "Active" }, config;
    if (options !== undefined) {
      if (!isRecord(options)) throw options;
      if (options.state !== undefined) state = options.state;
      config = options.config;
      const keys = (options.state === undefined ? 0 : 1) + (config === undefined ? 0 : 1);
      if (keyCount(options) !== keys) throw options;
    }
    if (readState(state) && readConfig(config) &&
        wasm.fastAllowed(sMeta, sSince, sDeadline, sUnits, 0, ABSENT, 0, ABSENT, 0, cMeta, cDefaultDrain, cRamp) !== 0) {
      return { state, config };
    }
  } catch {
    // the slow path says what is wrong
  }
  const [copy] = normalize("Machine", [options], Machine);
  return { state: copy?.state ?? { kind: "Active" }, config: copy?.config };
}

/** Holds one node's state, as numbers; every method asks the module. */
export class Machine {
  #meta = 0;
  #since = 0;
  #deadline = 0;
  #units = 0;
  #reason;
  #config;

  constructor(options) {
    const { state, config } = machineOptions(options);
    readState(state);
    this.#meta = sMeta, this.#since = sSince, this.#deadline = sDeadline, this.#units = sUnits, this.#reason = sReason;
    this.#config = heldConfig(config);
  }

  get state() {
    return stateOf(this.#meta, this.#since, this.#deadline, this.#reason);
  }

  toJSON() {
    return this.state;
  }

  /** What `apply` would do; changes nothing. */
  check(event, now) {
    return this.#decide(event, now, false, this.check);
  }

  /** Applies `event`; the state changes only when the verdict is applied. */
  apply(event, now) {
    return this.#decide(event, now, true, this.apply);
  }

  #fast(event, now, apply) {
    try {
      // The event is read first: a getter that calls back into this machine
      // finds it consistent, and this call uses the state as it is after.
      if (!readEvent(event, this.#reason) || typeof now !== "number") return undefined;
      const meta = this.#meta, since = this.#since, deadline = this.#deadline, reason = this.#reason, c = this.#config;
      const status = wasm.fastTransition(
        meta, since, deadline, this.#units, eMeta, eParam, eNestedMeta, nSince, nDeadline, nUnits,
        now, c.meta, c.defaultDrain, c.ramp,
      );
      if (status === 0) return undefined;
      const verdict = verdictOf(status, meta, since, deadline, reason, nReason);
      if (apply && applied(status)) {
        this.#meta = tMeta, this.#since = tSince, this.#deadline = tDeadline, this.#units = tUnits, this.#reason = tReason;
      }
      return verdict;
    } catch {
      return undefined;
    }
  }

  #decide(event, now, apply, caller) {
    const verdict = this.#fast(event, now, apply);
    if (verdict !== undefined) return verdict;
    const [e, n] = normalize("Machine.apply", [event, now], caller);
    return this.#fast(e, n, apply) ?? refused();
  }

  #allowed(now, options) {
    try {
      let optionsTag = ABSENT, keys = 0, frozenTag = ABSENT, frozenUntil = 0;
      if (options !== undefined) {
        if (!isRecord(options)) return undefined;
        optionsTag = OTHER;
        keys = keyCount(options);
        const until = options.frozenUntil;
        frozenTag = tagOf(until);
        if (frozenTag === NUMBER) frozenUntil = until;
      }
      if (typeof now !== "number") return undefined;
      const c = this.#config;
      const status = wasm.fastAllowed(
        this.#meta, this.#since, this.#deadline, this.#units, now, optionsTag, keys, frozenTag, frozenUntil,
        c.meta, c.defaultDrain, c.ramp,
      );
      if (status === 0) return undefined;
      const bit = (shift) => (status >> shift & 1) === 1;
      return { enterMaintenance: bit(ALLOWED.ENTER), exitMaintenance: bit(ALLOWED.EXIT), forceExit: bit(ALLOWED.FORCE) };
    } catch {
      return undefined;
    }
  }

  /** Which operator buttons a console should enable at `now`; none while a freeze holds. */
  allowedActions(now, options) {
    const actions = this.#allowed(now, options);
    if (actions !== undefined) return actions;
    const [n, o] = normalize("Machine.allowedActions", [now, options], this.allowedActions);
    return this.#allowed(n, o) ?? refused();
  }

  /** Nothing to release: the machine's state lives here, not in the module. */
  free() {}

  [Symbol.dispose]() {}
}

/** `replay`'s options as held numbers: `[meta, since, deadline, units, reason, config]`. */
function replayOptions(options) {
  let initial, config;
  try {
    if (options === undefined) initial = { kind: "Active" };
    else if (isRecord(options)) {
      initial = options.initial === undefined ? { kind: "Active" } : options.initial;
      config = options.config;
      const keys = (options.initial === undefined ? 0 : 1) + (config === undefined ? 0 : 1);
      if (keyCount(options) !== keys) initial = undefined;
    }
    if (initial !== undefined && !(readState(initial) && readConfig(config) &&
        wasm.fastAllowed(sMeta, sSince, sDeadline, sUnits, 0, ABSENT, 0, ABSENT, 0, cMeta, cDefaultDrain, cRamp) !== 0)) {
      initial = undefined;
    }
  } catch {
    initial = undefined;
  }
  if (initial === undefined) {
    const [copy] = normalize("replay.options", [options], replay);
    initial = copy?.initial ?? { kind: "Active" };
    config = copy?.config;
  }
  readState(initial);
  return [sMeta, sSince, sDeadline, sUnits, sReason, heldConfig(config)];
}

/** Folds `transition` over `entries`; a malformed entry throws. */
export function replay(entries, options) {
  let [meta, since, deadline, units, reason, config] = replayOptions(options);
  let length;
  try {
    if (!Array.isArray(entries)) throw entries;
    length = entries.length;
  } catch {
    slowCalls++;
    length = check(wasm, "slowReplayEntries", [entries], replay)[0].length;
  }
  let appliedCount = 0, unchanged = 0;
  const rejected = [];
  // One entry on the fast path: its status, or 0.
  const decide = (entry) => {
    try {
      if (!isRecord(entry) || keyCount(entry) !== 2) return 0;
      const at = entry.at;
      if (!readEvent(entry.event, reason) || typeof at !== "number") return 0;
      return wasm.fastTransition(
        meta, since, deadline, units, eMeta, eParam, eNestedMeta, nSince, nDeadline, nUnits,
        at, config.meta, config.defaultDrain, config.ramp,
      );
    } catch {
      return 0;
    }
  };
  for (let index = 0; index < length; index++) {
    let status = 0, entry;
    try {
      entry = entries[index];
      status = decide(entry);
    } catch (error) {
      entry = new Thrown(error);
    }
    if (status === 0) {
      slowCalls++;
      status = decide(check(wasm, "slowReplayEntry", [entry, index], replay)[0]) || refused();
    }
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

/** `admit` on the fast path: the admission, or undefined when it cannot vouch. */
function fastAdmit(request, now, policy) {
  try {
    if (!isRecord(request)) return undefined;
    const frozenUntil = request.frozenUntil, issuedAt = request.issuedAt, keys = keyCount(request);
    if (!readState(request.state)) return undefined;
    const meta = sMeta, since = sSince, deadline = sDeadline, units = sUnits, reason = sReason;
    if (!readConfig(request.config)) return undefined;
    const c = cMeta, defaultDrain = cDefaultDrain, ramp = cRamp;
    if (!readEvent(request.event, reason) || typeof now !== "number") return undefined;
    const frozenTag = tagOf(frozenUntil), issuedTag = tagOf(issuedAt);
    let policyMeta = ABSENT << POLICY_META.SHAPE, window = 0, skew = 0;
    if (policy !== undefined) {
      if (!isRecord(policy)) return undefined;
      const w = policy.freshnessWindowMs, s = policy.futureSkewMs, wTag = tagOf(w), sTag = tagOf(s);
      policyMeta = OTHER << POLICY_META.SHAPE | keyCount(policy) << POLICY_META.KEYS
        | wTag << POLICY_META.WINDOW | sTag << POLICY_META.SKEW;
      window = wTag === NUMBER ? w : 0, skew = sTag === NUMBER ? s : 0;
    }
    const status = wasm.fastAdmit(
      meta, since, deadline, units, eMeta, eParam,
      keys << REQUEST_META.KEYS | frozenTag << REQUEST_META.FROZEN | issuedTag << REQUEST_META.ISSUED,
      frozenTag === NUMBER ? frozenUntil : 0, issuedTag === NUMBER ? issuedAt : 0, now,
      c, defaultDrain, ramp, policyMeta, window, skew,
    );
    if (status === 0) return undefined;
    const verdict = verdictOf(status, meta, since, deadline, reason, undefined);
    verdict.stage = STAGES[status >> STATUS.STAGE & 3];
    return verdict;
  } catch {
    return undefined;
  }
}

/** Whether a node would fold this operator command at `now`: freeze, then freshness, then the rules. */
export function admit(request, now, policy) {
  const admission = fastAdmit(request, now, policy);
  if (admission !== undefined) return admission;
  const [r, n, p] = normalize("admit", [request, now, policy], admit);
  return fastAdmit(r, n, p) ?? refused();
}
