// The benchmark inputs, shared by every contender so all time the same work.

import { random } from "../tests/js/random.mjs";

/** A five-event cycle where every event is a real transition. */
export const cycle = {
  states: [
    { kind: "Active" },
    { kind: "EnteringMaintenance", since: 0, deadline: 600000 },
    { kind: "Maintenance", since: 10 },
    { kind: "ExitingMaintenance", since: 20 },
    { kind: "Recovery", since: 30 },
  ],
  events: [
    { type: "EnterMaintenance" },
    { type: "Reconcile", conditions: { replicasDrained: true, daemonsStopped: true } },
    { type: "ExitMaintenance" },
    { type: "Reconcile", conditions: { daemonsHealthy: true } },
    { type: "Reconcile", conditions: {} },
  ],
  times: [0, 10, 20, 30, 300030],
};


/**
 * An admin chain as columns: mostly the full cycle, with a refused exit, a
 * failed drain with its forced exit, and observed transitions mixed in.
 */
export function packedChain(n, seed) {
  const next = random(seed);
  const kind = new Uint8Array(n), at = new Float64Array(n), param = new Float64Array(n);
  const script = [[0, NaN], [3, 3], [1, 0], [3, 4], [3, 0]];
  const failing = [[0, NaN], [1, 0], [3, 0], [1, 0], [2, 0], [3, 4], [3, 0]];
  let now = 0, i = 0;
  while (i < n) {
    const steps = next() < 0.8 ? script : failing;
    for (const [code, p] of steps) {
      if (i >= n) break;
      now += code === 3 && p === 0 ? 700_000 : 1000;
      kind[i] = code;
      at[i] = now;
      param[i] = p;
      i++;
    }
    if (i < n && next() < 0.1) {
      kind[i] = 8; // an observed Active: valid only from Recovery or Active
      at[i] = now;
      param[i] = NaN;
      i++;
    }
  }
  return { kind, at, param };
}

const conditionsOf = (bits) => ({ replicasDrained: !!(bits & 1), daemonsStopped: !!(bits & 2), daemonsHealthy: !!(bits & 4) });

/** The same chain as {at, event} objects. */
export function objectChain(n) {
  const { kind, at, param } = packedChain(n, 3);
  return Array.from(kind, (code, i) => {
    switch (code) {
      case 0: return { at: at[i], event: { type: "EnterMaintenance" } };
      case 1: return { at: at[i], event: { type: "ExitMaintenance" } };
      case 2: return { at: at[i], event: { type: "ExitMaintenance", force: true } };
      case 3: return { at: at[i], event: { type: "Reconcile", conditions: conditionsOf(param[i]) } };
      default: return { at: at[i], event: { type: "TransitionObserved", state: { kind: "Active" } } };
    }
  });
}

/** A fleet in every state, with random conditions. */
export function packedFleet(n, seed) {
  const next = random(seed);
  const fleet = { kind: new Uint8Array(n), since: new Float64Array(n), deadline: new Float64Array(n), conditions: new Uint8Array(n) };
  for (let i = 0; i < n; i++) {
    const kind = Math.floor(next() * 6);
    fleet.kind[i] = kind;
    fleet.since[i] = kind === 0 ? NaN : Math.floor(next() * 900_000);
    fleet.deadline[i] = kind === 1 ? Math.floor(next() * 1_800_000) : NaN;
    fleet.conditions[i] = Math.floor(next() * 8);
  }
  return fleet;
}
