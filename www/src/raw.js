// The advanced panel: a raw event for the chosen node, checked or applied.
// An operator action goes through `admit` (the freeze, then, with an
// issuedAt, the envelope's freshness, then the rules); any other event
// through the machine. issuedAt is in simulated ms, like `now`.
import { admitLocally, inputErrorRecord } from "./actions.js";

const OPERATOR_TYPES = ["EnterMaintenance", "ExitMaintenance"];

/** The issuedAt field: omitted when empty; anything else goes to `admit`, which judges it. */
function readIssuedAt(text) {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  return /^-?\d+(\.\d+)?(e\d+)?$/i.test(trimmed) ? Number(trimmed) : trimmed;
}

export function setupRawPanel(world, $) {
  const out = $("raw-result");
  const show = (text, kind) => {
    out.textContent = text;
    out.dataset.kind = kind;
  };

  function run(apply) {
    const simNode = world.byName($("raw-node").value);
    let event;
    try {
      event = JSON.parse($("raw-event").value);
    } catch (error) {
      show(`Not JSON: ${error.message}`, "error");
      return;
    }
    const issuedAt = readIssuedAt($("raw-issued-at").value);
    let verdict;
    try {
      if (issuedAt !== undefined || OPERATOR_TYPES.includes(event?.type)) {
        verdict = admitLocally(world, simNode, event, issuedAt === undefined ? {} : { issuedAt });
      } else {
        verdict = simNode.machine.check(event, world.sim.now);
      }
      if (apply && verdict.outcome === "applied") {
        const stage = verdict.stage;
        verdict = simNode.machine.apply(event, world.sim.now);
        if (stage) verdict = { ...verdict, stage };
      }
    } catch (error) {
      const record = inputErrorRecord(error);
      show(`MaintenanceInputError ${record.code}: ${record.message}`, "error");
      return;
    }
    if (apply && verdict.outcome !== "unchanged") world.log.record(world.sim.now, simNode.name, event, verdict);
    show(JSON.stringify(verdict, null, 2), verdict.outcome);
    world.render();
  }

  $("raw-node").addEventListener("change", () => world.select(world.byName($("raw-node").value)));
  $("raw-check").addEventListener("click", () => run(false));
  $("raw-apply").addEventListener("click", () => run(true));
}
