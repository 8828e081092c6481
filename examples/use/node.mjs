import { transition } from "mesh-maintenance"; // Node ESM: no init call

const now = 1_000; // milliseconds, from your clock or the chain entry
const verdict = transition({ kind: "Active" }, { type: "EnterMaintenance" }, now);
console.log(verdict.outcome, verdict.to.kind); // applied EnteringMaintenance
