// The state diagram of the selected node, drawn as SVG. Which arcs exist and
// which are valid from the current state are both asked of the wasm rules.
//
// Solid arcs are the successor table (isValidSuccessor), the same in both
// profiles. An operator's EnterMaintenance that a profile accepts from a
// state with no successor arc into EnteringMaintenance (under "node": from
// every state, restarting the window) is drawn once, as a dashed "from any
// state" arrow into EnteringMaintenance labelled with the states it covers:
// an admin command overriding the table, not a successor step.
import { isValidSuccessor, transition } from "mesh-maintenance/full";

const SVG = "http://www.w3.org/2000/svg";
const BOX = { w: 170, h: 40 };
const POSITION = {
  Active: [95, 150],
  EnteringMaintenance: [285, 45],
  Maintenance: [515, 45],
  DrainFailed: [515, 150],
  ExitingMaintenance: [720, 150],
  Recovery: [405, 255],
};
/** One state of each kind, to ask isValidSuccessor about kinds. */
const SAMPLE = {
  Active: { kind: "Active" },
  EnteringMaintenance: { kind: "EnteringMaintenance", since: 0, deadline: null },
  Maintenance: { kind: "Maintenance", since: 0 },
  DrainFailed: { kind: "DrainFailed", since: 0, reason: "" },
  ExitingMaintenance: { kind: "ExitingMaintenance", since: 0 },
  Recovery: { kind: "Recovery", since: 0 },
};
const KINDS = Object.keys(POSITION);
const ENTER = { type: "EnterMaintenance" };
/** Where the dashed operator arrow starts and ends (left of EnteringMaintenance). */
const OP_ARROW = { x1: 120, x2: 198, y: 45 };

const el = (name, attrs = {}) => {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
};

/** Where the segment from a box's centre towards (dx, dy) leaves the box. */
function edge([x, y], dx, dy) {
  const t = Math.min(BOX.w / 2 / Math.abs(dx || 1e-9), BOX.h / 2 / Math.abs(dy || 1e-9));
  return [x + dx * t, y + dy * t];
}

export class Diagram {
  constructor(container) {
    this.arcs = [];
    const svg = el("svg", { viewBox: "0 0 810 300", role: "img", "aria-labelledby": "diagram-title" });
    const title = el("title", { id: "diagram-title" });
    title.textContent = "Maintenance states and the transitions between them";
    svg.append(title);
    const defs = el("defs");
    for (const id of ["arrow", "arrow-valid"]) {
      const marker = el("marker", { id, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" });
      marker.append(el("path", { d: "M0,0 L10,5 L0,10 z", class: id }));
      defs.append(marker);
    }
    svg.append(defs);
    for (const from of KINDS) {
      for (const to of KINDS) {
        if (from === to || !isValidSuccessor(SAMPLE[from], SAMPLE[to])) continue;
        const [x1, y1] = POSITION[from];
        const [x2, y2] = POSITION[to];
        const [sx, sy] = edge(POSITION[from], x2 - x1, y2 - y1);
        const [ex, ey] = edge(POSITION[to], x1 - x2, y1 - y2);
        const line = el("line", { x1: sx, y1: sy, x2: ex, y2: ey, class: "arc", "data-from": from, "data-to": to, "marker-end": "url(#arrow)" });
        this.arcs.push(line);
        svg.append(line);
      }
    }
    this.boxes = {};
    for (const kind of KINDS) {
      const [x, y] = POSITION[kind];
      const group = el("g", { class: "state", "data-kind": kind });
      group.append(el("rect", { x: x - BOX.w / 2, y: y - BOX.h / 2, width: BOX.w, height: BOX.h, rx: 8 }));
      const label = el("text", { x, y: y + 5, "text-anchor": "middle" });
      label.textContent = kind;
      group.append(label);
      this.boxes[kind] = group;
      svg.append(group);
    }
    this.operator = el("g", { class: "operator" });
    svg.append(this.operator);
    container.replaceChildren(svg);
  }

  /**
   * Draws the dashed arrow for the kinds from which `config`'s rules accept
   * EnterMaintenance without a successor arc; `note` receives a sentence
   * saying what the arrow means (or that there is none).
   */
  setRules(config, note) {
    // One state of each kind at since 0, asked at t = 1: only the kind matters.
    const accepts = KINDS.filter((kind) => {
      const verdict = transition(SAMPLE[kind], ENTER, 1, config);
      return verdict.outcome === "applied" && verdict.to.kind === "EnteringMaintenance";
    });
    // Those without a solid arc into EnteringMaintenance (a re-entry has none).
    this.enterFrom = accepts.filter((kind) => kind === "EnteringMaintenance"
      || !isValidSuccessor(SAMPLE[kind], SAMPLE.EnteringMaintenance));
    this.operator.replaceChildren();
    this.operatorArrow = null;
    if (this.enterFrom.length === 0) {
      note.textContent = `${config.profile} rules: EnterMaintenance follows the solid arcs.`;
      return;
    }
    const from = accepts.length === KINDS.length ? "any state" : this.enterFrom.join(", ");
    const label = el("text", { x: 10, y: 38, class: "op-label" });
    label.textContent = "EnterMaintenance";
    const label2 = el("text", { x: 10, y: 56, class: "op-label" });
    label2.textContent = `from ${from}`;
    this.operatorArrow = el("line", {
      x1: OP_ARROW.x1, y1: OP_ARROW.y, x2: OP_ARROW.x2, y2: OP_ARROW.y,
      class: "op-arc", "data-event": "EnterMaintenance", "data-from": this.enterFrom.join(" "), "marker-end": "url(#arrow)",
    });
    this.operator.append(label, label2, this.operatorArrow);
    const restarts = this.enterFrom.includes("EnteringMaintenance") ? ", restarting the drain window" : "";
    note.textContent = `${config.profile} rules: EnterMaintenance is accepted from ${from} (dashed arrow)${restarts}; `
      + "it is an admin command, not a successor step, so the solid arcs (isValidSuccessor) are the same in both profiles.";
  }

  /**
   * Highlights `state` and marks the arcs that are valid from it; the dashed
   * arrow is valid when `enter` (the selected node's EnterMaintenance verdict
   * under the current rules) is applied from a kind it covers.
   */
  show(state, enter) {
    if (this.operatorArrow) {
      const valid = this.enterFrom.includes(state.kind) && enter?.outcome === "applied";
      this.operatorArrow.classList.toggle("valid", valid);
      this.operatorArrow.setAttribute("marker-end", valid ? "url(#arrow-valid)" : "url(#arrow)");
    }
    for (const [kind, box] of Object.entries(this.boxes)) box.classList.toggle("current", kind === state.kind);
    for (const arc of this.arcs) {
      const valid = arc.dataset.from === state.kind && isValidSuccessor(state, SAMPLE[arc.dataset.to]);
      arc.classList.toggle("valid", valid);
      arc.setAttribute("marker-end", valid ? "url(#arrow-valid)" : "url(#arrow)");
    }
  }

  get arcCount() {
    return this.arcs.length;
  }
}
