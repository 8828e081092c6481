// One card per node: state, time in state, deadline countdown, reason, and
// the operator buttons, enabled exactly as Machine.allowedActions says (a
// declared freeze included), with the admission verdict as the tooltip of a
// disabled one.
import { admit, toView } from "mesh-maintenance/full";
import { duration } from "./format.js";
import { inputErrorRecord, verdictText } from "./actions.js";
import { ACTIONS, disagreements } from "./profiles.js";
import { agree, describe } from "./gate.js";

function make(tag, attrs = {}, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The admission verdict, or the input error (a drain window the module refuses) in its place. */
function admitOrError(request, now) {
  try {
    return admit(request, now);
  } catch (error) {
    return inputErrorRecord(error);
  }
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
    fact("Node id", "node-id").textContent = simNode.id;
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
    this.profiles = make("p", { class: "profiles", "data-role": "profiles" });
    this.result = make("p", { class: "result", role: "status", "data-role": "result" });
    this.worker = make("p", { class: "worker", role: "status", "data-role": "worker" });
    card.append(this.why, this.profiles, this.result, this.worker);
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

  /** The console's verdict and the worker's side by side; a disagreement says so first. */
  showWorker(local, answer) {
    const agreed = agree(local, answer);
    const localText = local.code ?? local.outcome;
    this.worker.textContent = agreed
      ? `Worker agrees: ${describe(answer)}`
      : `Disagreement: console ${localText} · worker ${describe(answer)}`;
    this.worker.dataset.agree = String(agreed);
    this.worker.dataset.status = String(answer.status);
    this.worker.dataset.code = answer.code ?? answer.outcome;
  }

  clearWorker(text = "") {
    this.worker.textContent = text;
    delete this.worker.dataset.agree;
    delete this.worker.dataset.status;
    delete this.worker.dataset.code;
  }

  /** Refreshes everything from the machine at `now`, under `config` and the declared freeze. */
  update(now, selected, { config, frozenUntil = null }) {
    const machine = this.node.machine;
    const state = machine.state;
    this.element.dataset.kind = state.kind;
    this.element.classList.toggle("selected", selected);
    this.badge.textContent = state.kind;
    // Times in state and to the deadline as a node reports them (saturating at 0).
    const view = toView(state, now, "sdk");
    this.inState.textContent = view.sinceMs === undefined ? "—" : duration(Number(view.sinceMs));
    if (state.kind === "EnteringMaintenance") {
      const left = view.deadlineRemainingMs;
      this.deadline.textContent = left === null ? "no deadline"
        : left === 0n ? "deadline passed" : `${duration(Number(left))} left`;
    } else {
      this.deadline.textContent = "—";
    }
    this.reason.textContent = state.kind !== "DrainFailed" ? "—" : state.reason === "" ? "(none given)" : state.reason;
    const allowed = machine.allowedActions(now, { frozenUntil });
    const events = Object.fromEntries(ACTIONS.map((a) => [a.key, this.eventFor(a.key)]));
    let why = "";
    for (const action of ACTIONS) {
      const button = this.buttons[action.key];
      const enabled = allowed[action.allowed];
      button.disabled = !enabled;
      // A disabled button says why, in the admission verdict's own words
      // (the freeze first, as a node checks it).
      const verdict = enabled ? null : admitOrError({ state, event: events[action.key], frozenUntil, config }, now);
      // Force is only offered where it is needed: applied means a plain exit does it.
      button.title = verdict === null ? ""
        : action.key === "force" && verdict.outcome === "applied" ? "Not needed: Exit maintenance does this without force."
          : `${verdict.code ?? verdict.outcome}: ${verdict.message}`;
      if (action.key === "exit" && verdict?.code === "FORCE_REQUIRED") why = verdictText(verdict);
    }
    this.why.textContent = why;
    // One line per action on which the profiles disagree, on the selected card only.
    this.profiles.replaceChildren(...(selected ? disagreements(state, events, now) : [])
      .map((d) => make("span", { "data-action": d.action }, d.text)));
  }
}
