// The cluster freeze, as an operator's ICE surface declares it: a time until
// which the nodes drop operator commands and reconcile moves nothing. The
// console only records the declaration; whether it is in effect, and what it
// means for an action, is asked of `admit` with `frozenUntil`.
import { admit } from "mesh-maintenance/full";
import { clock, duration } from "./format.js";

const PROBE = { state: { kind: "Active" }, event: { type: "EnterMaintenance" } };

export class Freeze {
  constructor() {
    /** Simulated ms, or null: no freeze declared. */
    this.until = null;
  }

  declare(now, ms) {
    this.until = now + ms;
  }

  thaw() {
    this.until = null;
  }

  /** Whether the freeze is in effect at `now`, in the module's words (its end is not). */
  holds(now) {
    return this.until !== null && admit({ ...PROBE, frozenUntil: this.until }, now).stage === "freeze";
  }

  banner(now) {
    if (!this.holds(now)) return "";
    return `Cluster frozen until ${clock(this.until)} (${duration(this.until - now)} left): the nodes drop operator commands and reconcile moves no node.`;
  }
}
