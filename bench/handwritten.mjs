// The SPEC's rules (strict profile) written as tightly as JavaScript allows:
// a switch per event, the input state reused as `from`, constant messages,
// no validation and no copies. The lower bound a console team could reach by
// hand; bench/run.mjs checks it against the rule vectors before timing it.
const MAX = Number.MAX_SAFE_INTEGER;
const DRAIN = 600_000, RAMP = 300_000;
const SUCCESSORS = {
  Active: "EnteringMaintenance", EnteringMaintenance: "Maintenance|DrainFailed", Maintenance: "ExitingMaintenance|DrainFailed",
  ExitingMaintenance: "Recovery", DrainFailed: "ExitingMaintenance", Recovery: "Active",
};

const applied = (from, to) => ({ outcome: "applied", from, to, message: "moved" });
const unchanged = (from) => ({ outcome: "unchanged", from, to: from, message: "unchanged" });
const rejected = (from, code) => ({ outcome: "rejected", from, to: from, code, message: "refused" });

export function isValidSuccessor(from, to) {
  return from.kind === to.kind || SUCCESSORS[from.kind].split("|").includes(to.kind);
}

export function reconcile(state, conditions, now, config) {
  if (conditions.clusterFrozen) return null;
  switch (state.kind) {
    case "EnteringMaintenance":
      if (conditions.replicasDrained && conditions.daemonsStopped) return { kind: "Maintenance", since: now };
      if (state.deadline != null && now >= state.deadline) {
        return { kind: "DrainFailed", since: now, reason: `drain deadline elapsed after ${now > state.since ? now - state.since : 0}ms` };
      }
      return null;
    case "ExitingMaintenance":
      return conditions.daemonsHealthy ? { kind: "Recovery", since: now } : null;
    case "Recovery":
      return (now > state.since ? now - state.since : 0) >= (config?.recoveryRampWindowMs ?? RAMP) ? { kind: "Active" } : null;
    default:
      return null;
  }
}

export function transition(state, event, now, config) {
  const kind = state.kind;
  switch (event.type) {
    case "EnterMaintenance": {
      if (kind === "EnteringMaintenance") return unchanged(state);
      if (kind !== "Active") return rejected(state, "INVALID_TRANSITION");
      const window = event.drainForMs ?? (config !== undefined && "defaultDrainForMs" in config ? config.defaultDrainForMs : DRAIN);
      const deadline = window == null ? null : now + window > MAX ? MAX : now + window;
      return applied(state, { kind: "EnteringMaintenance", since: now, deadline });
    }
    case "ExitMaintenance":
      if (kind === "Maintenance" || (kind === "DrainFailed" && event.force)) return applied(state, { kind: "ExitingMaintenance", since: now });
      if (kind === "DrainFailed") return rejected(state, "FORCE_REQUIRED");
      return kind === "ExitingMaintenance" ? unchanged(state) : rejected(state, "INVALID_TRANSITION");
    case "TransitionObserved": {
      const next = event.state;
      if (!isValidSuccessor(state, next)) return rejected(state, "INVALID_SUCCESSOR");
      const same = next.kind === kind && next.since === state.since && (next.deadline ?? null) === (state.deadline ?? null) && next.reason === state.reason;
      return same ? unchanged(state) : applied(state, next);
    }
    default: {
      const target = reconcile(state, event.conditions, now, config);
      return target === null ? unchanged(state) : applied(state, target);
    }
  }
}

export function replay(entries, options) {
  let state = options?.initial ?? { kind: "Active" };
  let applied = 0, unchanged = 0;
  const rejected = [];
  for (let index = 0; index < entries.length; index++) {
    const verdict = transition(state, entries[index].event, entries[index].at, options?.config);
    if (verdict.outcome === "applied") {
      applied++;
      state = verdict.to;
    } else if (verdict.outcome === "unchanged") unchanged++;
    else rejected.push({ index, verdict });
  }
  return { state, applied, unchanged, rejected };
}

export class Machine {
  constructor(options) {
    this.state = options?.state ?? { kind: "Active" };
    this.config = options?.config;
  }
  check(event, now) {
    return transition(this.state, event, now, this.config);
  }
  apply(event, now) {
    const verdict = transition(this.state, event, now, this.config);
    if (verdict.outcome === "applied") this.state = verdict.to;
    return verdict;
  }
  free() {}
}
