// A node's maintenance cycle, driven with explicit timestamps, as a console
// or an edge worker would: every verdict below comes from the wasm module.
import { Machine, transition } from "mesh-maintenance";

const minute = 60_000;
const node = new Machine();
const show = (at, verdict) =>
  console.log(`t=${String(at / 1000).padStart(4)}s  ${verdict.outcome.padEnd(9)} ${(verdict.code ?? "").padEnd(18)} ${verdict.message}`);

let now = 0;
const step = (event, after = 0) => {
  now += after;
  show(now, node.apply(event, now));
};

step({ type: "EnterMaintenance", drainForMs: 2 * minute });
step({ type: "ExitMaintenance" }, 1000);
step({ type: "Reconcile", conditions: { replicasDrained: true } }, minute);
step({ type: "Reconcile", conditions: { replicasDrained: true } }, minute);
step({ type: "ExitMaintenance" }, 1000);
step({ type: "ExitMaintenance", force: true }, 1000);
step({ type: "TransitionObserved", state: { kind: "DrainFailed", since: now, reason: "late" } }, 1000);
step({ type: "Reconcile", conditions: { daemonsHealthy: true } }, 5000);
step({ type: "Reconcile", conditions: {} }, 5 * minute);
console.log("final state:", JSON.stringify(node.state));

try {
  transition({ kind: "Active" }, { type: "EnterMaintenance", drainForMS: 5 }, now);
} catch (error) {
  console.log(`${error.name} ${error.code}: ${error.message}`);
}
node.free();
