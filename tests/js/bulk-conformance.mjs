// The bulk vectors (tests/vectors/bulk) against the package's bulk entry,
// in any runtime; mirrors run_bulk_case in tests/conformance.rs. In the JSON
// form a Float64Array column holds null for NaN.
import { deepEqual, errorDetail, runVectors } from "./conformance.mjs";

const floats = (column) => Float64Array.from(column, (v) => (v === null ? NaN : v));
const bytes = (column) => Uint8Array.from(column);
const fromFloats = (column) => Array.from(column, (v) => (Number.isNaN(v) ? null : v));

function chain(json) {
  return { kind: bytes(json.kind), at: floats(json.at), param: floats(json.param) };
}

function fleet(json) {
  return { kind: bytes(json.kind), since: floats(json.since), deadline: floats(json.deadline), conditions: bytes(json.conditions) };
}

function packedReplay(api, columns, options) {
  const result = api.replayPacked(chain(columns), options);
  return { state: result.state, applied: result.applied, unchanged: result.unchanged, rejected: Array.from(result.rejected) };
}

function reconcileFleet(api, columns, now, config) {
  const input = fleet(columns);
  const copies = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, v.slice()]));
  const result = api.reconcileFleet(input, now, config);
  for (const key of Object.keys(input)) {
    if (!deepEqual(Array.from(input[key]), Array.from(copies[key]))) throw new Error(`reconcileFleet modified its argument's ${key}`);
  }
  return { kind: Array.from(result.kind), since: fromFloats(result.since), deadline: fromFloats(result.deadline), changed: Array.from(result.changed) };
}

function runCase(api, c) {
  switch (c.op) {
    case "packedReplay": {
      const detail = packedReplay(api, c.columns, c.options);
      return { actual: detail, expected: c.expect, detail };
    }
    case "fleet": {
      const detail = reconcileFleet(api, c.fleet, c.now, c.config);
      return { actual: detail, expected: c.expect, detail };
    }
    case "packedMalformed": {
      let detail;
      try {
        detail = c.call === "replayPacked" ? packedReplay(api, c.args[0], c.args[1]) : reconcileFleet(api, c.args[0], c.args[1], c.args[2]);
      } catch (error) {
        detail = errorDetail(error);
      }
      return { actual: { error: detail.error, path: detail.path }, expected: { error: c.error, path: c.path }, detail };
    }
    default:
      throw new Error(`unknown op ${c.op}`);
  }
}

/** The bulk vectors, through the shared runner. */
export function runBulkVectors(api, files) {
  return runVectors(api, files, runCase);
}
