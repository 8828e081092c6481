// Builds a fleet snapshot file for the operator console's "Load fleet
// snapshot": `{observedAt, dialect: "sdk", nodes: {name: view}}`, each view
// a node's state as the TypeScript SDK reports it (`MaintenanceStateView`:
// `{kind, sinceMs, deadlineRemainingMs}`, times as bigint). JSON has no
// bigint, so the times are written as numbers; every view is first checked
// with the package's `fromView`, which refuses a time above 2^53 - 1 instead
// of letting it round.
//
//   node examples/fleet-snapshot.mjs [observedAtMs] > fleet.json
//
// prints a demo fleet observed at `observedAtMs` (default: now). In your own
// tool, pass the SDK's views to `fleetSnapshot`.
import { fileURLToPath } from "node:url";
import { fromView, toView } from "mesh-maintenance/gate";

/** `views`: node name → SDK view (bigint or safe-integer times). Throws naming the node. */
export function fleetSnapshot(views, observedAt) {
  const nodes = {};
  for (const [name, view] of Object.entries(views)) {
    try {
      fromView(view, observedAt, "sdk");
    } catch (error) {
      throw new Error(`nodes[${JSON.stringify(name)}]: ${error.message}`, { cause: error });
    }
    nodes[name] = Object.fromEntries(Object.entries(view).map(([key, value]) => [key, typeof value === "bigint" ? Number(value) : value]));
  }
  return { observedAt, dialect: "sdk", nodes };
}

/** A small fleet in every kind of state, as the SDK would report it at `t` (toView gives bigints). */
export function demoViews(t) {
  const ago = (ms) => Math.max(0, t - ms);
  const states = {
    "edge-ams-1": { kind: "Active" },
    "edge-fra-2": { kind: "EnteringMaintenance", since: ago(2 * 60_000), deadline: t + 8 * 60_000 },
    "core-par-4": { kind: "DrainFailed", since: ago(30_000), reason: "drain deadline elapsed after 600000ms" },
    "core-mad-5": { kind: "Maintenance", since: ago(60 * 60_000) },
    "core-waw-6": { kind: "Recovery", since: ago(45_000) },
  };
  return Object.fromEntries(Object.entries(states).map(([name, state]) => [name, toView(state, t, "sdk")]));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = process.argv[2];
  const observedAt = arg === undefined ? Date.now() : Number(arg);
  if (!Number.isSafeInteger(observedAt) || observedAt < 0) {
    console.error(`observedAtMs: expected a non-negative integer of milliseconds, got ${JSON.stringify(arg)}`);
    process.exit(2);
  }
  console.log(JSON.stringify(fleetSnapshot(demoViews(observedAt), observedAt), null, 2));
}
