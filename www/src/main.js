// Wires the console together: the simulated clock drives reconcile passes,
// operator actions are checked before they are applied, and everything shown
// comes from the wasm module's verdicts.
import { SimClock, SPEEDS, TICK_MS } from "./clock.js";
import { createFleet, DEFAULT_SCENARIO } from "./fleet.js";
import { NodeCard } from "./cards.js";
import { Diagram } from "./diagram.js";
import { EventLog } from "./log.js";
import { replayChain, ChainError } from "./chain.js";
import { clock as formatClock } from "./format.js";

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
const sim = new SimClock({ playing: !params.has("paused") });
const fleet = createFleet();
const log = new EventLog($("log"));
const diagram = new Diagram($("diagram"));
let selected = fleet[0];

/** An input error thrown by the module, as a verdict-like record for the log. */
function inputErrorRecord(error) {
  if (error?.name !== "MaintenanceInputError") throw error;
  return { outcome: "error", code: error.code, message: error.message };
}

/** Checks an operator action first; applies it only if it would be applied. */
function operatorAction(simNode, event, { quiet = false } = {}) {
  const card = cards.get(simNode);
  let verdict;
  try {
    verdict = simNode.machine.check(event, sim.now);
  } catch (error) {
    const record = inputErrorRecord(error);
    card.showResult(`${record.code}: ${record.message}`, "error");
    return;
  }
  if (verdict.outcome === "applied") verdict = simNode.machine.apply(event, sim.now);
  if (verdict.outcome !== "unchanged") log.record(sim.now, simNode.name, event, verdict);
  card.showResult(verdict.code ? `${verdict.code}: ${verdict.message}` : verdict.message, verdict.outcome);
  if (!quiet) render();
}

const cards = new Map();
for (const simNode of fleet) {
  const card = new NodeCard(simNode, { onAction: operatorAction, onSelect: select });
  cards.set(simNode, card);
  $("cards").append(card.element);
  $("raw-node").append(new Option(simNode.name, simNode.name));
}

function select(simNode) {
  selected = simNode;
  $("raw-node").value = simNode.name;
  render();
}

const scenario = [...DEFAULT_SCENARIO];

/** The scenario's operator actions that are due, then a reconcile pass. */
function tick() {
  while (scenario.length > 0 && scenario[0].at <= sim.now) {
    const { node, event } = scenario.shift();
    operatorAction(fleet.find((n) => n.name === node), event, { quiet: true });
  }
  for (const simNode of fleet) {
    const event = { type: "Reconcile", conditions: simNode.conditions(sim.now) };
    const verdict = simNode.machine.apply(event, sim.now);
    if (verdict.outcome === "applied") log.record(sim.now, simNode.name, event, verdict);
  }
}

function advance(ms) {
  for (let t = 0; t < ms; t += TICK_MS) {
    sim.now += TICK_MS;
    tick();
  }
  render();
}

function render() {
  $("now").textContent = formatClock(sim.now);
  $("now").dataset.ms = String(sim.now);
  for (const [simNode, card] of cards) card.update(sim.now, simNode === selected);
  $("selected-node").textContent = selected.name;
  diagram.show(selected.machine.state);
}

// The clock controls.
for (const speed of SPEEDS) $("speed").append(new Option(`×${speed}`, String(speed)));
$("speed").value = String(sim.speed);
$("speed").addEventListener("change", () => (sim.speed = Number($("speed").value)));
const showPlaying = () => ($("play").textContent = sim.playing ? "Pause" : "Play");
$("play").addEventListener("click", () => {
  sim.playing = !sim.playing;
  showPlaying();
});
$("step").addEventListener("click", () => advance(TICK_MS));
$("advance-1m").addEventListener("click", () => advance(60_000));
$("advance-10m").addEventListener("click", () => advance(600_000));
showPlaying();

// The advanced panel: a raw event for the chosen node, checked or applied.
$("raw-node").addEventListener("change", () => select(fleet.find((n) => n.name === $("raw-node").value)));
function rawEvent(apply) {
  const simNode = fleet.find((n) => n.name === $("raw-node").value);
  const out = $("raw-result");
  let event;
  try {
    event = JSON.parse($("raw-event").value);
  } catch (error) {
    out.textContent = `Not JSON: ${error.message}`;
    out.dataset.kind = "error";
    return;
  }
  let verdict;
  try {
    verdict = simNode.machine.check(event, sim.now);
    if (apply && verdict.outcome === "applied") verdict = simNode.machine.apply(event, sim.now);
  } catch (error) {
    const record = inputErrorRecord(error);
    out.textContent = `MaintenanceInputError ${record.code}: ${record.message}`;
    out.dataset.kind = "error";
    return;
  }
  if (apply && verdict.outcome !== "unchanged") log.record(sim.now, simNode.name, event, verdict);
  out.textContent = JSON.stringify(verdict, null, 2);
  out.dataset.kind = verdict.outcome;
  render();
}
$("raw-check").addEventListener("click", () => rawEvent(false));
$("raw-apply").addEventListener("click", () => rawEvent(true));

// Export and replay of chain files.
$("export").addEventListener("click", () => {
  const blob = new Blob([log.toJsonLines() + "\n"], { type: "application/x-ndjson" });
  const link = Object.assign(document.createElement("a"), { href: URL.createObjectURL(blob), download: "maintenance-chain.jsonl" });
  link.click();
  URL.revokeObjectURL(link.href);
});
$("chain-file").addEventListener("change", async () => {
  const file = $("chain-file").files[0];
  if (!file) return;
  const out = $("replay-result");
  out.replaceChildren();
  try {
    const results = replayChain(await file.text());
    const heading = document.createElement("h3");
    heading.textContent = `Replayed ${file.name}`;
    out.append(heading);
    for (const r of results) {
      const p = document.createElement("p");
      p.dataset.node = r.node;
      p.textContent = `${r.node}: ${r.state.kind} (${r.applied} applied, ${r.unchanged} unchanged, ${r.rejected.length} rejected)`;
      out.append(p);
      if (r.rejected.length === 0) continue;
      const list = document.createElement("ul");
      list.className = "rejected";
      for (const { line, verdict } of r.rejected) {
        const item = document.createElement("li");
        item.textContent = `line ${line}: ${verdict.code}: ${verdict.message}`;
        list.append(item);
      }
      out.append(list);
    }
  } catch (error) {
    if (!(error instanceof ChainError)) throw error;
    const p = document.createElement("p");
    p.className = "error";
    p.textContent = `Could not replay ${file.name}: ${error.message}`;
    out.append(p);
  }
  $("chain-file").value = "";
});

// Space toggles the clock when focus is not in a form control.
document.addEventListener("keydown", (e) => {
  if (e.key === " " && e.target === document.body) {
    e.preventDefault();
    $("play").click();
  }
});

let last = performance.now();
function frame(t) {
  // A background tab pauses frames; do not replay the whole gap at once.
  const ticks = sim.ticksFor(Math.min(t - last, 250));
  last = t;
  for (let i = 0; i < ticks; i += 1) {
    sim.now += TICK_MS;
    tick();
  }
  render();
  requestAnimationFrame(frame);
}
tick();
render();
document.body.dataset.ready = "true";
requestAnimationFrame(frame);
