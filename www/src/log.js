// The event log: every event applied or rejected, with the verdict's words.
// It exports as JSON lines of {at, node, event}: the chain-file format.
import { clock } from "./format.js";

export function describeEvent(event) {
  switch (event.type) {
    case "EnterMaintenance":
      return event.drainForMs == null ? "EnterMaintenance" : `EnterMaintenance (drain ${event.drainForMs / 1000}s)`;
    case "ExitMaintenance":
      return event.force ? "ExitMaintenance (force)" : "ExitMaintenance";
    case "TransitionObserved":
      return `TransitionObserved ${event.state?.kind ?? ""}`;
    case "Reconcile":
      return "Reconcile";
    default:
      return String(event.type);
  }
}

export class EventLog {
  constructor(table) {
    this.body = table.querySelector("tbody");
    this.entries = [];
  }

  /** Records an event and its verdict (or input error: `{code, message}`). */
  record(at, node, event, verdict) {
    const entry = { at, node, event, outcome: verdict.outcome ?? "error", code: verdict.code ?? "", message: verdict.message };
    this.entries.push(entry);
    const row = document.createElement("tr");
    row.className = entry.outcome;
    for (const text of [clock(at), node, describeEvent(event), entry.outcome, entry.code, entry.message]) {
      const cell = document.createElement("td");
      cell.textContent = text;
      row.append(cell);
    }
    this.body.prepend(row);
    while (this.body.rows.length > 500) this.body.deleteRow(-1);
  }

  /** JSON lines of {at, node, event} for every applied or rejected event. */
  toJsonLines() {
    return this.entries
      .filter((e) => e.outcome === "applied" || e.outcome === "rejected")
      .map(({ at, node, event }) => JSON.stringify({ at, node, event }))
      .join("\n");
  }
}
