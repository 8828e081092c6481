// Operator actions: admitted by the module first (the declared freeze, then
// the rules of the selected profile), applied to the simulated node only when
// admitted. With a worker URL set, a card's action is also signed and sent to
// the worker, which is then the gate: the node moves only if both admit it.
import { admit } from "mesh-maintenance/full";
import { askWorker } from "./gate.js";

/** An input error thrown by the module, as a verdict-like record for the log. */
export function inputErrorRecord(error) {
  if (error?.name !== "MaintenanceInputError") throw error;
  return { outcome: "error", code: error.code, message: error.message };
}

export const verdictText = (verdict) => (verdict.code ? `${verdict.code}: ${verdict.message}` : verdict.message);

/** What a node would do with `event` now: `admit` under the world's freeze and profile. */
export function admitLocally(world, simNode, event, extra = {}) {
  const request = { state: simNode.machine.state, event, frozenUntil: world.freeze.until, config: world.config, ...extra };
  return admit(request, world.sim.now);
}

/** Applies an admitted action (an admission refusal is only logged and shown). */
function commit(world, simNode, event, verdict) {
  if (verdict.outcome === "applied") verdict = { ...simNode.machine.apply(event, world.sim.now), stage: verdict.stage };
  if (verdict.outcome !== "unchanged") world.log.record(world.sim.now, simNode.name, event, verdict);
  world.cards.get(simNode)?.showResult(verdictText(verdict), verdict.outcome);
}

/**
 * Runs an operator action. `signed: false` keeps it local (the simulation's
 * own scenario); otherwise it goes through the worker when one is set.
 */
export function operatorAction(world, simNode, event, { quiet = false, signed = true } = {}) {
  const card = world.cards.get(simNode);
  let verdict;
  try {
    verdict = admitLocally(world, simNode, event);
  } catch (error) {
    const record = inputErrorRecord(error);
    card?.showResult(`${record.code}: ${record.message}`, "error");
    return;
  }
  if (signed && world.identity?.workerUrl) {
    viaWorker(world, simNode, event, verdict);
  } else {
    card?.clearWorker();
    commit(world, simNode, event, verdict);
  }
  if (!quiet) world.render();
}

/** Signs the action with the operator's key, asks the worker, shows both verdicts. */
async function viaWorker(world, simNode, event, local) {
  const card = world.cards.get(simNode);
  const { identity, fleet } = world;
  const request = { state: simNode.machine.state, event, now: world.sim.now, config: world.config, node: simNode.id };
  if (world.freeze.until !== null) request.frozenUntil = world.freeze.until;
  card.clearWorker(`Worker: sending a signed ${event.type}…`);
  card.showResult(`${verdictText(local)} (waiting for the worker)`, "pending");
  // The worker checks freshness against its own clock: issuedAt is wall-clock time.
  const issuedAt = Date.now();
  let answer;
  try {
    answer = await askWorker(identity.workerUrl, { ...request, issuedAt, signature: await identity.sign(event, simNode.id, issuedAt) });
  } catch (error) {
    answer = { status: 0, outcome: "rejected", code: "NOT_SIGNED", message: error.message };
  }
  if (world.fleet !== fleet) return; // the fleet was replaced meanwhile
  card.showWorker(local, answer);
  if (local.outcome === "applied" && !(answer.status === 200 && answer.outcome === "applied")) {
    // Refused at the gate: the command never reaches the node.
    const refusal = { outcome: "rejected", code: answer.code ?? answer.outcome, message: `worker: ${answer.message}` };
    world.log.record(world.sim.now, simNode.name, event, refusal, { chained: false });
    card.showResult(`Not applied: the worker refused it (${answer.code ?? answer.outcome})`, "rejected");
  } else {
    // Both admitted (or the console refused it itself): asked again, as the node may have moved meanwhile.
    let verdict;
    try {
      verdict = answer.status === 200 ? admitLocally(world, simNode, event) : local;
    } catch (error) {
      verdict = inputErrorRecord(error);
    }
    commit(world, simNode, event, verdict);
  }
  world.render();
}
