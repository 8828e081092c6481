// Generated from wasm/src/protocol.rs by `cargo run -p mesh-maintenance-wasm --example protocol`.
// Do not edit: wasm/tests/protocol.rs fails when this file and the table drift apart.

export const STATE_KINDS = ["Active", "EnteringMaintenance", "Maintenance", "ExitingMaintenance", "DrainFailed", "Recovery"];
export const EVENT_TYPES = ["EnterMaintenance", "ExitMaintenance", "TransitionObserved", "Reconcile"];
export const PROFILES = ["strict", "node"];
export const CONDITIONS = ["replicasDrained", "daemonsStopped", "daemonsHealthy", "clusterFrozen"];
export const OUTCOMES = ["applied", "unchanged", "rejected"];
export const REJECT_CODES = ["INVALID_TRANSITION", "FORCE_REQUIRED", "INVALID_SUCCESSOR", "FREEZE_IN_EFFECT", "ENVELOPE_FROM_FUTURE", "ENVELOPE_EXPIRED"];
export const STAGES = ["freeze", "freshness", "rules"];
/** The calls whose arguments `slowCheck` checks, by number. */
export const CALLS = ["isValidSuccessor", "transition", "reconcile", "predicates", "Machine", "Machine.apply", "Machine.allowedActions", "replay.options", "admit"];
export const ERROR_CODES = ["INVALID_STATE", "INVALID_EVENT", "INVALID_TIMESTAMP", "INVALID_CONFIG", "INVALID_INPUT"];
export const RANKS = [0, 1, 2, 3, 3, 4];
export const NON_ACTIVE = [false, true, true, true, true, true];
export const STEADY = [false, false, true, false, false, false];
/** The fields of each kind besides `kind`, in order. */
export const STATE_FIELDS = [[], ["since", "deadline"], ["since"], ["since"], ["since", "reason"], ["since"]];

export const NUMBER = 0;
export const ABSENT = 1;
export const NULL = 2;
export const TRUE = 3;
export const FALSE = 4;
export const STRING = 5;
export const OTHER = 6;
export const UNKNOWN = 7;
export const MAX_KEYS = 31;
export const KEY_BITS = 5;


/** The value encoding of the slow path (wasm/src/protocol.rs `ValueTag`). */
export const VALUE = { UNDEFINED: 0, NULL: 1, FALSE: 2, TRUE: 3, NUMBER: 4, NUMBER_TEXT: 5, STRING: 6, LONG_STRING: 7, BIGINT: 8, OBJECT: 9, MANY_KEYS: 10, UNLISTABLE: 11, ARRAY: 12, BYTES: 13, FLOATS: 14, WORDS: 15, THROWN: 16, DATE: 17, SYMBOL: 18, FUNCTION: 19, DEEP: 20, OTHER: 21 };
export const CODEC = { MAX_DEPTH: 6, MAX_OBJECT_KEYS: 4097, KEY_UNITS: 64, LONG_KEY: 4294967295, STRING_UNITS: 4096, HEAD_UNITS: 48, BIGINT_DIGITS: 48, COPIED_BYTES: 4096 };
export const ANSWER = { VALUES: 0, ERROR: 1 };

export const STATE_META = { KIND: 0, KEYS: 3, SINCE: 8, DEADLINE: 11, REASON: 14 };
export const EVENT_META = { TYPE: 0, KEYS: 3, FIELD: 8, NESTED: 11, SAME_REASON: 14 };
export const CONDITIONS_META = { FLAGS: 0, KEYS: 12, SHAPE: 17 };
export const CONFIG_META = { SHAPE: 0, KEYS: 3, PROFILE: 8, DEFAULT_DRAIN: 11, RAMP: 14 };
export const REQUEST_META = { KEYS: 0, FROZEN: 5, ISSUED: 8 };
export const POLICY_META = { SHAPE: 0, KEYS: 3, WINDOW: 8, SKEW: 11 };
export const STATUS = { OK: 1, OUTCOME: 1, CODE: 3, REASON: 6, TO_KIND: 8, HAS_DEADLINE: 11, MESSAGE: 12, STAGE: 26, TEXT: 28 };
export const REASON = { NONE: 0, OBSERVED: 1, ELAPSED: 2 };
export const ALLOWED = { ENTER: 1, EXIT: 2, FORCE: 3 };
export const OUT_LEN = 4;
/** Message numbers are below this (the JS cache is an array of this length). */
export const MESSAGE_COUNT = 8064;

/** A fresh state object of each kind, fields in the SPEC's order: `(since, deadline, reason)`. */
export const MAKE_STATE = [
  (since, deadline, reason) => ({ kind: "Active" }),
  (since, deadline, reason) => ({ kind: "EnteringMaintenance", since, deadline: deadline ?? null }),
  (since, deadline, reason) => ({ kind: "Maintenance", since }),
  (since, deadline, reason) => ({ kind: "ExitingMaintenance", since }),
  (since, deadline, reason) => ({ kind: "DrainFailed", since, reason }),
  (since, deadline, reason) => ({ kind: "Recovery", since }),
];
