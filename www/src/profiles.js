// The rules profile every card, button, tooltip and the diagram follow, and
// where the two profiles disagree. Nothing here decides a rule: it asks
// `transition` under each profile and compares their verdicts.
import { transition } from "mesh-maintenance/full";

export const PROFILES = ["strict", "node"];

export const configFor = (profile) => ({ profile });

/** The three operator actions a card offers, as events. */
export const ACTIONS = [
  { key: "enter", allowed: "enterMaintenance", label: "Enter maintenance", short: "Enter" },
  { key: "exit", allowed: "exitMaintenance", label: "Exit maintenance", short: "Exit" },
  { key: "force", allowed: "forceExit", label: "Force exit", short: "Force exit" },
];

/** A verdict in a few words: its code when rejected, what the node would do otherwise. */
export function summary(verdict) {
  if (verdict.outcome === "rejected") return verdict.code;
  if (verdict.outcome === "unchanged") return "no change";
  const to = verdict.to;
  if (to.kind === "EnteringMaintenance") {
    const verb = verdict.from.kind === "EnteringMaintenance" ? "would restart the drain" : "would enter";
    return to.deadline == null ? `${verb} (no deadline)` : `${verb} (deadline in ${Math.round((to.deadline - to.since) / 1000)}s)`;
  }
  if (to.kind === "ExitingMaintenance") return "would exit";
  return `would move to ${to.kind}`;
}

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The actions on which the profiles disagree for `state` at `now`: those
 * whose resulting state differs (a rejection and an ignored command both
 * leave the node where it is, so they agree). One line per action, e.g.
 * "Exit — strict: FORCE_REQUIRED · node: would exit".
 */
export function disagreements(state, events, now) {
  const lines = [];
  for (const action of ACTIONS) {
    const event = events[action.key];
    let strict, node;
    try {
      [strict, node] = PROFILES.map((profile) => transition(state, event, now, configFor(profile)));
    } catch (error) {
      // A drain window the module refuses: the card's button says why.
      if (error?.name === "MaintenanceInputError") continue;
      throw error;
    }
    if (same(strict.to, node.to)) continue;
    lines.push({ action: action.key, text: `${action.short} — strict: ${summary(strict)} · node: ${summary(node)}` });
  }
  return lines;
}
