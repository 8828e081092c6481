// The JSON conformance vectors, run against any build of the package. It
// takes the package's exports and the parsed vector files, so the same runner
// serves Node (ESM and CJS), Deno, Bun, workerd and the browser. It mirrors
// tests/conformance.rs: `details` must equal the native run's, case by case.

/** Structural equality of JSON-like values; object key order is ignored. */
export function deepEqual(a, b) {
  if (a === b || (Number.isNaN(a) && Number.isNaN(b))) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a).filter((k) => a[k] !== undefined);
  const keysB = Object.keys(b).filter((k) => b[k] !== undefined);
  if (keysA.length !== keysB.length) return false;
  return keysA.every((k) => deepEqual(a[k], b[k]));
}

/** `{"$bigint": "N"}` in a vector is a bigint argument (JSON has none). */
export function markBigInts(value) {
  if (Array.isArray(value)) return value.map(markBigInts);
  if (typeof value === "object" && value !== null) {
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === "$bigint") return BigInt(value.$bigint);
    return Object.fromEntries(keys.map((k) => [k, markBigInts(value[k])]));
  }
  return value;
}

/** Bigints in a result as numbers, as the native run writes them (they are all within 2^53). */
export function unBigInt(value) {
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value)) return value.map(unBigInt);
  if (typeof value === "object" && value !== null && !(value instanceof Uint8Array)) {
    return Object.fromEntries(Object.keys(value).map((k) => [k, unBigInt(value[k])]));
  }
  return value;
}

/** Every time of an "sdk" view is a bigint; of the other dialects a number. */
function checkViewTimes(view, dialect, problems) {
  const times = [];
  const walk = (v, key) => {
    if (typeof v === "object" && v !== null) for (const k of Object.keys(v)) walk(v[k], k);
    else if (/since|deadline/i.test(key ?? "") && v !== null) times.push(v);
  };
  walk(view);
  const want = dialect === "sdk" ? "bigint" : "number";
  for (const t of times) if (typeof t !== want) problems.push(`a ${dialect} view time is a ${typeof t}, expected a ${want}`);
}

export function hex(bytes) {
  if (!(bytes instanceof Uint8Array)) throw new Error(`expected a Uint8Array, got ${Object.prototype.toString.call(bytes)}`);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A thrown MaintenanceInputError as a detail record; anything else is rethrown. */
export function errorDetail(error) {
  if (!(error instanceof Error) || error.name !== "MaintenanceInputError") throw error;
  return { error: error.code, path: error.path, message: error.message };
}

function verdictExpectation(verdict) {
  const projected = { outcome: verdict.outcome, to: verdict.to };
  if (verdict.code !== undefined) projected.code = verdict.code;
  return projected;
}

function checkVerdict(verdict, input, problems) {
  if (!deepEqual(verdict.from, input)) problems.push(`verdict.from ${JSON.stringify(verdict.from)} is not the input state`);
  if (verdict.outcome !== "applied" && !deepEqual(verdict.to, verdict.from)) problems.push("an unapplied verdict changed the state");
  if (("code" in verdict) !== (verdict.outcome === "rejected")) problems.push("code must be present exactly when rejected");
  if (typeof verdict.message !== "string" || verdict.message === "") problems.push("empty message");
}

/** Missing arguments stay missing (undefined), as in the vectors. */
function call(api, name, args) {
  switch (name) {
    case "transition": return api.transition(...args);
    case "reconcile": return api.reconcile(...args);
    case "isValidSuccessor": return api.isValidSuccessor(...args);
    case "replay": return api.replay(...args);
    case "Machine": {
      const machine = new api.Machine(...args);
      try { return machine.state; } finally { machine.free(); }
    }
    case "rank": case "since": case "isNonActive": case "isSteadyMaintenance": return api[name](...args);
    case "admit": return api.admit(...args);
    case "fromView": return api.fromView(...args);
    case "toView": return unBigInt(api.toView(...args));
    case "adminSigningPayload": return hex(api.adminSigningPayload(...args));
    case "allowedActions": { // on a machine made without options
      const machine = new api.Machine();
      try { return machine.allowedActions(...args); } finally { machine.free(); }
    }
    default: throw new Error(`unknown call ${name}`);
  }
}

function runMachine(api, c, problems) {
  const machine = new api.Machine(c.options);
  const actual = [], expected = [], detail = [];
  try {
    for (const step of c.steps) {
      if (step.allowed) {
        const answer = step.options === undefined ? machine.allowedActions(step.at) : machine.allowedActions(step.at, step.options);
        expected.push(step.allowed); actual.push(answer); detail.push(answer);
        continue;
      }
      const before = machine.state;
      expected.push(step.expect);
      try {
        const verdict = machine.apply(step.event, step.at);
        checkVerdict(verdict, before, problems);
        const projected = { outcome: verdict.outcome };
        if (verdict.code !== undefined) projected.code = verdict.code;
        projected.state = machine.state;
        actual.push(projected); detail.push(verdict);
      } catch (error) {
        const d = errorDetail(error);
        actual.push({ error: d.error, state: machine.state }); detail.push(d);
      }
    }
  } finally {
    machine.free();
  }
  return [actual, expected, detail];
}

function runCase(api, c) {
  c = markBigInts(c);
  const problems = [];
  let actual, expected, detail;
  switch (c.op) {
    case "isValidSuccessor":
      actual = detail = api.isValidSuccessor(c.from, c.to); expected = c.expect; break;
    case "transition": {
      const verdict = api.transition(c.state, c.event, c.now, c.config);
      checkVerdict(verdict, c.state, problems);
      actual = verdictExpectation(verdict); expected = c.expect; detail = verdict; break;
    }
    case "reconcile":
      actual = detail = api.reconcile(c.state, c.conditions, c.now, c.config); expected = c.expect; break;
    case "predicates":
      actual = detail = {
        isNonActive: api.isNonActive(c.state), isSteadyMaintenance: api.isSteadyMaintenance(c.state),
        since: api.since(c.state), rank: api.rank(c.state),
      };
      expected = c.expect; break;
    case "machine":
      [actual, expected, detail] = runMachine(api, c, problems); break;
    case "replay": {
      const outcome = api.replay(c.entries, c.options);
      actual = {
        state: outcome.state, applied: outcome.applied, unchanged: outcome.unchanged,
        rejected: outcome.rejected.map((r) => ({ index: r.index, code: r.verdict.code })),
      };
      expected = c.expect; detail = outcome; break;
    }
    case "admit": {
      const verdict = api.admit(c.request, c.now, c.policy);
      checkVerdict(verdict, c.request.state, problems);
      actual = { ...verdictExpectation(verdict), stage: verdict.stage };
      expected = c.expect; detail = verdict; break;
    }
    case "fromView":
      actual = detail = api.fromView(c.view, c.observedAt, c.dialect); expected = c.expect; break;
    case "toView": {
      const view = api.toView(c.state, c.now, c.dialect);
      checkViewTimes(view, c.dialect, problems);
      actual = detail = unBigInt(view); expected = c.expect; break;
    }
    case "payload":
      actual = detail = hex(api.adminSigningPayload(c.command, c.issuedAt)); expected = c.expect; break;
    case "malformed": {
      try {
        detail = { ok: call(api, c.call, c.args) };
      } catch (error) {
        detail = errorDetail(error);
      }
      actual = { error: detail.error, path: detail.path };
      expected = { error: c.error, path: c.path };
      // The module must keep answering correctly after every error.
      const after = api.transition({ kind: "Active" }, { type: "EnterMaintenance", drainForMs: 1 }, 1);
      if (after.outcome !== "applied" || after.to.deadline !== 2) problems.push("the module answered wrongly after the error");
      break;
    }
    default: throw new Error(`unknown op ${c.op}`);
  }
  return { actual, expected, detail, problems };
}

/**
 * Runs every case of `files` ({stem: parsedVectorFile}) against `api` with
 * `run` (this file's runner, or the bulk one). Returns
 * {count, failures: string[], details: {id: detail}}.
 */
export function runVectors(api, files, run = runCase) {
  const failures = [];
  const details = {};
  let count = 0;
  for (const stem of Object.keys(files).sort()) {
    for (const c of files[stem].cases) {
      const id = `${stem}/${c.name}`;
      count += 1;
      let result;
      try {
        result = run(api, c);
      } catch (error) {
        failures.push(`${id}: threw ${(error && error.stack) || error}`);
        continue;
      }
      if (!deepEqual(result.actual, result.expected)) {
        failures.push(`${id}\n  expected ${JSON.stringify(result.expected)}\n  actual   ${JSON.stringify(result.actual)}`);
      }
      for (const problem of result.problems ?? []) failures.push(`${id}: ${problem}`);
      details[id] = result.detail;
    }
  }
  return { count, failures, details };
}

/** The cases whose details differ from `reference` (the native run's). */
export function disagreements(details, reference) {
  const ids = new Set([...Object.keys(details), ...Object.keys(reference)]);
  return [...ids].filter((id) => !deepEqual(details[id], reference[id]));
}
