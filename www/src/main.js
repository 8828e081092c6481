// Wires the console together: the simulated clock drives reconcile passes,
// operator actions are admitted before they are applied, and everything shown
// comes from the wasm module's verdicts.
import { SimClock, SPEEDS, TICK_MS } from "./clock.js";
import { createFleet, DEFAULT_SCENARIO, LOADED_BEHAVIOUR, SimNode } from "./fleet.js";
import { NodeCard } from "./cards.js";
import { Diagram } from "./diagram.js";
import { EventLog } from "./log.js";
import { clock as formatClock } from "./format.js";
import { configFor } from "./profiles.js";
import { Freeze } from "./freeze.js";
import { decodeSnapshot, SnapshotError } from "./snapshot.js";
import { operatorAction } from "./actions.js";
import { setupRawPanel } from "./raw.js";
import { setupChainPanel } from "./chain-panel.js";
import { setupIdentityPanel } from "./identity-panel.js";

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
/** Snapshot files above this are refused before they are read. */
const MAX_SNAPSHOT_BYTES = 1024 * 1024;

/** Everything the panels share; `fleet` is replaced whole by a snapshot load. */
const world = {
  sim: new SimClock({ playing: !params.has("paused") }),
  freeze: new Freeze(),
  log: new EventLog($("log")),
  profile: "strict",
  get config() {
    return configFor(this.profile);
  },
  fleet: [],
  cards: new Map(),
  selected: null,
  identity: null,
  byName: (name) => world.fleet.find((n) => n.name === name),
  select,
  render,
};
const { sim, freeze, log } = world;
const diagram = new Diagram($("diagram"));
let scenario = [];
let wasFrozen = false;

/** Replaces the fleet on screen (cards, node list, selection) with `nodes`. */
function setFleet(nodes) {
  for (const old of world.fleet) old.dispose();
  world.fleet = nodes;
  world.cards = new Map();
  $("cards").replaceChildren();
  $("raw-node").replaceChildren();
  for (const simNode of nodes) {
    const card = new NodeCard(simNode, { onAction: (n, event) => operatorAction(world, n, event), onSelect: select });
    world.cards.set(simNode, card);
    $("cards").append(card.element);
    $("raw-node").append(new Option(simNode.name, simNode.name));
  }
  world.selected = nodes[0];
}

function select(simNode) {
  world.selected = simNode;
  $("raw-node").value = simNode.name;
  render();
}

/** The scenario's operator actions that are due, then a reconcile pass (frozen: moves nothing). */
function tick() {
  while (scenario.length > 0 && scenario[0].at <= sim.now) {
    const { node, event } = scenario.shift();
    operatorAction(world, world.byName(node), event, { quiet: true, signed: false });
  }
  const clusterFrozen = freeze.holds(sim.now);
  if (wasFrozen && !clusterFrozen) log.note(sim.now, "Freeze over", "the declared freeze has ended");
  wasFrozen = clusterFrozen;
  for (const simNode of world.fleet) {
    const event = { type: "Reconcile", conditions: simNode.conditions(sim.now, { clusterFrozen }) };
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
  const options = { config: world.config, frozenUntil: freeze.until };
  for (const [simNode, card] of world.cards) card.update(sim.now, simNode === world.selected, options);
  const banner = freeze.banner(sim.now);
  $("freeze-banner").textContent = banner;
  $("freeze-banner").hidden = banner === "";
  $("thaw").disabled = banner === "";
  const selected = world.selected;
  $("selected-node").textContent = selected.name;
  let enter = null;
  try {
    enter = selected.machine.check(world.cards.get(selected).eventFor("enter"), sim.now);
  } catch {
    // A drain window the module refuses: the card's own result says why.
  }
  diagram.show(selected.machine.state, enter);
}

// The rules selector: same states, machines rebuilt with the new profile.
function setProfile(profile) {
  world.profile = profile;
  for (const simNode of world.fleet) simNode.setConfig(world.config);
  diagram.setRules(world.config, $("rules-note"));
  render();
}
$("profile").addEventListener("change", () => {
  setProfile($("profile").value);
  log.note(sim.now, "Rules", `${world.profile} profile selected`);
});

// The cluster freeze, as the ICE surface declares it.
const freezeMinutes = () => $("freeze-minutes").valueAsNumber;
$("freeze-minutes").addEventListener("input", () => {
  const minutes = freezeMinutes();
  $("freeze").textContent = Number.isFinite(minutes) && minutes > 0 ? `Freeze for ${minutes} min` : "Freeze";
});
$("freeze").addEventListener("click", () => {
  const minutes = freezeMinutes();
  if (!(Number.isFinite(minutes) && minutes > 0)) {
    $("freeze-banner").hidden = false;
    $("freeze-banner").textContent = `Freeze length: expected a positive number of minutes, got ${JSON.stringify($("freeze-minutes").value)}`;
    return;
  }
  freeze.declare(sim.now, Math.round(minutes * 60_000));
  log.note(sim.now, "Freeze", `cluster frozen until ${formatClock(freeze.until)}`);
  render();
});
$("thaw").addEventListener("click", () => {
  freeze.thaw();
  log.note(sim.now, "Thaw", "the freeze is lifted");
  render();
});

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
// A changed drain window changes the verdicts the cards and the diagram show.
$("cards").addEventListener("input", () => render());

/** The simulated fleet from time 0, as on first load. */
function startSimulatedFleet() {
  setFleet(createFleet(world.config));
  sim.now = 0;
  sim.carry = 0;
  scenario = [...DEFAULT_SCENARIO];
  $("fleet-source").textContent = "(simulated: every state change is a verdict of the wasm rules)";
}

/**
 * Loading a fleet snapshot: decoded whole first (a bad file changes
 * nothing), then the fleet, the clock (set to observedAt, so each state is
 * exactly what the node reported and ages from there), the scenario, the
 * freeze and the log are replaced together.
 */
$("snapshot-file").addEventListener("change", async () => {
  const file = $("snapshot-file").files[0];
  $("snapshot-file").value = "";
  if (!file) return;
  const out = $("snapshot-result");
  let snapshot;
  try {
    if (file.size > MAX_SNAPSHOT_BYTES) throw new SnapshotError(`${file.size} bytes, above the ${MAX_SNAPSHOT_BYTES}-byte limit`);
    snapshot = decodeSnapshot(await file.text());
  } catch (error) {
    if (!(error instanceof SnapshotError)) throw error;
    out.textContent = `Could not load ${file.name}: ${error.message}. The fleet on screen is unchanged.`;
    out.dataset.kind = "error";
    return;
  }
  const nodes = snapshot.nodes.map(({ name, state }, i) =>
    new SimNode({ id: String(i + 1), name, ...LOADED_BEHAVIOUR }, { state, config: world.config, origin: snapshot.observedAt }));
  setFleet(nodes);
  sim.now = snapshot.observedAt;
  sim.carry = 0;
  scenario = [];
  freeze.thaw();
  wasFrozen = false;
  log.clear();
  const what = `${nodes.length} node${nodes.length === 1 ? "" : "s"} (${snapshot.dialect} views) observed at ${formatClock(snapshot.observedAt)}`;
  log.note(sim.now, "Snapshot", `fleet replaced by ${file.name}: ${what}`);
  $("fleet-source").textContent = `(from ${file.name}; the simulated clock runs on from observedAt)`;
  out.textContent = `Loaded ${file.name}: ${what}.`;
  out.dataset.kind = "applied";
  render();
});
$("simulated-fleet").addEventListener("click", () => {
  startSimulatedFleet();
  freeze.thaw();
  wasFrozen = false;
  log.clear();
  log.note(sim.now, "Simulated fleet", "back to the simulated fleet from time 0");
  $("snapshot-result").textContent = "";
  tick();
  render();
});

setupRawPanel(world, $);

setupChainPanel(world, $);

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
  // Nothing on screen changes between ticks; every control renders itself.
  if (ticks > 0) render();
  requestAnimationFrame(frame);
}
startSimulatedFleet();
$("profile").value = world.profile;
diagram.setRules(world.config, $("rules-note"));
tick();
render();
document.body.dataset.ready = "true";
requestAnimationFrame(frame);
setupIdentityPanel(world, $);
