// The event log: every event applied or rejected, with the verdict's words,
// and the operator's cluster-level notes (freeze, thaw, a loaded snapshot).
// It exports as JSON lines of {at, node, event}: the chain-file format. An
// action the nodes drop before the rules (a freeze, a stale envelope) or the
// worker refused never reaches the chain, so it is logged but not exported.
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
  record(at, node, event, verdict, { chained = true } = {}) {
    const entry = {
      at, node, event, outcome: verdict.outcome ?? "error", code: verdict.code ?? "", message: verdict.message,
      chained: chained && (verdict.stage === undefined || verdict.stage === "rules"),
    };
    this.entries.push(entry);
    this.row(entry.outcome, [clock(at), node, describeEvent(event), entry.outcome, entry.code, entry.message]);
  }

  /** A cluster-level line (no event): never exported. */
  note(at, what, message) {
    this.entries.push({ at, node: "cluster", outcome: "info", message, chained: false });
    this.row("info", [clock(at), "cluster", what, "info", "", message]);
  }

  clear() {
    this.entries = [];
    this.body.replaceChildren();
  }

  row(kind, cells) {
    const row = document.createElement("tr");
    row.className = kind;
    for (const text of cells) {
      const cell = document.createElement("td");
      cell.textContent = text;
      row.append(cell);
    }
    this.body.prepend(row);
    while (this.body.rows.length > 500) this.body.deleteRow(-1);
  }

  /** JSON lines of {at, node, event} for every applied or rejected event that reached the rules. */
  toJsonLines() {
    return this.entries
      .filter((e) => e.chained && (e.outcome === "applied" || e.outcome === "rejected"))
      .map(({ at, node, event }) => JSON.stringify({ at, node, event }))
      .join("\n");
  }
}
