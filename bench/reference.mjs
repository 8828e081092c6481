// The SPEC's rules written directly in JavaScript, the way a console team
// would write them: the baseline the wasm package is measured against. It
// is checked against the conformance vectors' rule cases before anything is
// timed (bench/run.mjs); it does no strict input validation, which only
// makes it faster than the package, so the comparison is conservative.

const MAX = Number.MAX_SAFE_INTEGER;
const SUCCESSORS = {
  Active: ["EnteringMaintenance"],
  EnteringMaintenance: ["Maintenance", "DrainFailed"],
  Maintenance: ["ExitingMaintenance", "DrainFailed"],
  ExitingMaintenance: ["Recovery"],
  DrainFailed: ["ExitingMaintenance"],
  Recovery: ["Active"],
};
const RANK = { Active: 0, EnteringMaintenance: 1, Maintenance: 2, ExitingMaintenance: 3, DrainFailed: 3, Recovery: 4 };
const DEFAULTS = { defaultDrainForMs: 600000, recoveryRampWindowMs: 300000 };

export function isValidSuccessor(from, to) {
  return from.kind === to.kind || SUCCESSORS[from.kind].includes(to.kind);
}

function sameState(a, b) {
  return a.kind === b.kind && a.since === b.since && (a.deadline ?? null) === (b.deadline ?? null) && a.reason === b.reason;
}

function withConfig(config) {
  return config ? { ...DEFAULTS, ...config } : DEFAULTS;
}

export function reconcile(state, conditions, now, config) {
  const { recoveryRampWindowMs } = withConfig(config);
  switch (state.kind) {
    case "EnteringMaintenance":
      if (conditions.replicasDrained && conditions.daemonsStopped) return { kind: "Maintenance", since: now };
      if (state.deadline != null && now >= state.deadline) {
        return { kind: "DrainFailed", since: now, reason: `drain deadline elapsed after ${Math.max(0, now - state.since)}ms` };
      }
      return null;
    case "ExitingMaintenance":
      return conditions.daemonsHealthy ? { kind: "Recovery", since: now } : null;
    case "Recovery":
      return Math.max(0, now - state.since) >= recoveryRampWindowMs ? { kind: "Active" } : null;
    default:
      return null;
  }
}

const applied = (from, to, message) => ({ outcome: "applied", from, to, message });
const unchanged = (state, message) => ({ outcome: "unchanged", from: state, to: state, message });
const rejected = (state, code, message) => ({ outcome: "rejected", from: state, to: state, code, message });

export function transition(state, event, now, config) {
  const { defaultDrainForMs } = withConfig(config);
  switch (event.type) {
    case "EnterMaintenance":
      if (state.kind === "Active") {
        const window = event.drainForMs ?? defaultDrainForMs;
        const deadline = window == null ? null : Math.min(MAX, now + window);
        return applied(state, { kind: "EnteringMaintenance", since: now, deadline }, `EnterMaintenance moved the node from Active to EnteringMaintenance.`);
      }
      if (state.kind === "EnteringMaintenance") return unchanged(state, "already entering maintenance");
      return rejected(state, "INVALID_TRANSITION", `cannot enter maintenance from ${state.kind}`);
    case "ExitMaintenance":
      if (state.kind === "Maintenance" || (state.kind === "DrainFailed" && event.force)) {
        return applied(state, { kind: "ExitingMaintenance", since: now }, `ExitMaintenance moved the node from ${state.kind} to ExitingMaintenance.`);
      }
      if (state.kind === "DrainFailed") return rejected(state, "FORCE_REQUIRED", "exiting DrainFailed needs force");
      if (state.kind === "ExitingMaintenance") return unchanged(state, "already exiting maintenance");
      return rejected(state, "INVALID_TRANSITION", `cannot exit maintenance from ${state.kind}`);
    case "TransitionObserved":
      if (!isValidSuccessor(state, event.state)) return rejected(state, "INVALID_SUCCESSOR", `${event.state.kind} cannot follow ${state.kind}`);
      if (sameState(state, event.state)) return unchanged(state, "identical");
      return applied(state, event.state, `observed ${event.state.kind}`);
    case "Reconcile": {
      const target = reconcile(state, event.conditions, now, config);
      return target ? applied(state, target, `reconciled to ${target.kind}`) : unchanged(state, "nothing to do");
    }
    default:
      throw new Error(`unknown event ${event.type}`);
  }
}

export function replay(entries, options = {}) {
  let state = options.initial ?? { kind: "Active" };
  const result = { state, applied: 0, unchanged: 0, rejected: [] };
  entries.forEach(({ at, event }, index) => {
    const verdict = transition(state, event, at, options.config);
    if (verdict.outcome === "applied") {
      result.applied += 1;
      state = verdict.to;
    } else if (verdict.outcome === "unchanged") {
      result.unchanged += 1;
    } else {
      result.rejected.push({ index, verdict });
    }
  });
  result.state = state;
  return result;
}

export const isNonActive = (state) => state.kind !== "Active";
export const isSteadyMaintenance = (state) => state.kind === "Maintenance";
export const since = (state) => state.since ?? null;
export const rank = (state) => RANK[state.kind];

export class Machine {
  constructor(options = {}) {
    this.state = options.state ?? { kind: "Active" };
    this.config = options.config;
  }
  check(event, now) {
    return transition(this.state, event, now, this.config);
  }
  apply(event, now) {
    const verdict = this.check(event, now);
    if (verdict.outcome === "applied") this.state = verdict.to;
    return verdict;
  }
  allowedActions(now) {
    const exit = this.check({ type: "ExitMaintenance" }, now).outcome === "applied";
    return {
      enterMaintenance: this.check({ type: "EnterMaintenance" }, now).outcome === "applied",
      exitMaintenance: exit,
      forceExit: !exit && this.check({ type: "ExitMaintenance", force: true }, now).outcome === "applied",
    };
  }
  toJSON() {
    return this.state;
  }
  free() {}
}

// The packed forms, with the package's codes (see PackedChain / PackedFleet).
const KINDS = ["Active", "EnteringMaintenance", "Maintenance", "ExitingMaintenance", "DrainFailed", "Recovery"];

/** Packed replay over plain numbers: kind index, since, deadline. */
export function replayPacked({ kind, at, param }, options = {}) {
  const { defaultDrainForMs, recoveryRampWindowMs } = withConfig(options.config);
  let k = 0, since = NaN, deadline = NaN, hasReason = false;
  let appliedCount = 0, unchangedCount = 0;
  const rejectedIndices = [];
  for (let i = 0; i < kind.length; i++) {
    const now = at[i], p = param[i];
    let next = -1, nextSince = now, nextDeadline = NaN, nextHasReason = false;
    switch (kind[i]) {
      case 0:
        if (k === 0) {
          const window = Number.isNaN(p) ? defaultDrainForMs : p;
          next = 1;
          nextDeadline = window == null ? NaN : Math.min(MAX, now + window);
        } else if (k !== 1) next = -2;
        break;
      case 1:
      case 2:
        if (k === 2 || (k === 4 && kind[i] === 2)) next = 3;
        else if (k !== 3) next = -2;
        break;
      case 3:
        if (k === 1) {
          if ((p & 3) === 3) next = 2;
          else if (!Number.isNaN(deadline) && now >= deadline) {
            next = 4;
            nextHasReason = true;
          }
        } else if (k === 3) {
          if (p & 4) next = 5;
        } else if (k === 5 && Math.max(0, now - since) >= recoveryRampWindowMs) {
          next = 0;
          nextSince = NaN;
        }
        break;
      default: {
        const observed = kind[i] - 8;
        if (observed === k) {
          if (k === 0 || (since === p && Number.isNaN(deadline) && !hasReason)) break;
          next = observed;
          nextSince = p;
        } else if (SUCCESSORS[KINDS[k]].includes(KINDS[observed])) {
          next = observed;
          nextSince = observed === 0 ? NaN : p;
        } else next = -2;
      }
    }
    if (next >= 0) {
      k = next;
      since = nextSince;
      deadline = nextDeadline;
      hasReason = nextHasReason;
      appliedCount++;
    } else if (next === -1) unchangedCount++;
    else rejectedIndices.push(i);
  }
  const state = k === 0 ? { kind: "Active" }
    : k === 1 ? { kind: KINDS[k], since, deadline: Number.isNaN(deadline) ? null : deadline }
    : k === 4 ? { kind: KINDS[k], since, reason: hasReason ? "(elapsed)" : "" } : { kind: KINDS[k], since };
  return { state, applied: appliedCount, unchanged: unchangedCount, rejected: Uint32Array.from(rejectedIndices) };
}

/** Fleet reconcile over packed columns, like the package's reconcileFleet. */
export function reconcileFleet({ kind, since, deadline, conditions }, now, config) {
  const { recoveryRampWindowMs } = withConfig(config);
  const out = { kind: kind.slice(), since: since.slice(), deadline: deadline.slice(), changed: [] };
  for (let i = 0; i < kind.length; i++) {
    const c = conditions[i];
    let next = -1;
    if (kind[i] === 1) {
      if ((c & 3) === 3) next = 2;
      else if (!Number.isNaN(deadline[i]) && now >= deadline[i]) next = 4;
    } else if (kind[i] === 3) {
      if (c & 4) next = 5;
    } else if (kind[i] === 5 && Math.max(0, now - since[i]) >= recoveryRampWindowMs) next = 0;
    if (next >= 0) {
      out.kind[i] = next;
      out.since[i] = next === 0 ? NaN : now;
      out.deadline[i] = NaN;
      out.changed.push(i);
    }
  }
  out.changed = Uint32Array.from(out.changed);
  return out;
}
