// One card per node: state, time in state, deadline countdown, reason, and
// the operator buttons, enabled exactly as Machine.allowedActions says.
import { duration } from "./format.js";

const ACTIONS = [
  { key: "enter", allowed: "enterMaintenance", label: "Enter maintenance" },
  { key: "exit", allowed: "exitMaintenance", label: "Exit maintenance" },
  { key: "force", allowed: "forceExit", label: "Force exit" },
];

function make(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

export class NodeCard {
  /** `onAction(simNode, event)` runs an operator action; `onSelect(simNode)` selects the node. */
  constructor(simNode, { onAction, onSelect }) {
    this.node = simNode;
    const id = simNode.name;
    const card = make("article", { class: "card", "data-node": id, tabindex: "0", "aria-label": `Node ${id}` });
    const header = make("header");
    header.append(make("h3", {}, id), (this.badge = make("span", { class: "badge", "data-role": "state" })));
    card.append(header, make("p", { class: "note" }, simNode.note));
    const facts = make("dl");
    const fact = (label, role) => {
      const dd = make("dd", { "data-role": role });
      facts.append(make("dt", {}, label), dd);
      return dd;
    };
    this.inState = fact("In state", "in-state");
    this.deadline = fact("Deadline", "deadline");
    this.reason = fact("Reason", "reason");
    card.append(facts);
    const windowLabel = make("label", { class: "window" }, "Drain window (min) ");
    this.drainInput = make("input", { type: "number", min: "0", step: "1", value: "10", "data-role": "drain-window", "aria-label": `Drain window in minutes for ${id}` });
    windowLabel.append(this.drainInput);
    card.append(windowLabel);
    const actions = make("div", { class: "actions" });
    this.buttons = {};
    for (const action of ACTIONS) {
      const button = make("button", { type: "button", "data-action": action.key }, action.label);
      button.addEventListener("click", (e) => {
        e.stopPropagation();
        onSelect(simNode);
        onAction(simNode, this.eventFor(action.key));
      });
      this.buttons[action.key] = button;
      actions.append(button);
    }
    card.append(actions);
    this.why = make("p", { class: "why", "data-role": "why" });
    this.result = make("p", { class: "result", role: "status", "data-role": "result" });
    card.append(this.why, this.result);
    card.addEventListener("click", () => onSelect(simNode));
    card.addEventListener("keydown", (e) => {
      if ((e.key === "Enter" || e.key === " ") && e.target === card) {
        e.preventDefault();
        onSelect(simNode);
      }
    });
    this.element = card;
  }

  eventFor(key) {
    if (key === "enter") {
      const minutes = this.drainInput.valueAsNumber;
      return { type: "EnterMaintenance", drainForMs: Number.isFinite(minutes) ? Math.round(minutes * 60_000) : null };
    }
    return key === "force" ? { type: "ExitMaintenance", force: true } : { type: "ExitMaintenance" };
  }

  showResult(text, kind) {
    this.result.textContent = text;
    this.result.dataset.kind = kind;
  }

  /** Refreshes everything from the machine at `now`. */
  update(now, selected) {
    const machine = this.node.machine;
    const state = machine.state;
    this.element.dataset.kind = state.kind;
    this.element.classList.toggle("selected", selected);
    this.badge.textContent = state.kind;
    this.inState.textContent = state.since === undefined ? "—" : duration(now - state.since);
    if (state.kind === "EnteringMaintenance") {
      this.deadline.textContent = state.deadline === null ? "no deadline"
        : now >= state.deadline ? "deadline passed" : `${duration(state.deadline - now)} left`;
    } else {
      this.deadline.textContent = "—";
    }
    this.reason.textContent = state.kind === "DrainFailed" ? state.reason : "—";
    const allowed = machine.allowedActions(now);
    let why = "";
    for (const action of ACTIONS) {
      const button = this.buttons[action.key];
      const enabled = allowed[action.allowed];
      button.disabled = !enabled;
      // A disabled button says why, in the verdict's own words.
      const verdict = enabled ? null : machine.check(this.eventFor(action.key), now);
      button.title = verdict ? `${verdict.code ?? verdict.outcome}: ${verdict.message}` : "";
      if (action.key === "exit" && verdict?.code === "FORCE_REQUIRED") why = `${verdict.code}: ${verdict.message}`;
    }
    this.why.textContent = why;
  }
}
