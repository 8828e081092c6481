import { type State, reconcile } from "mesh-maintenance"; // or "npm:mesh-maintenance"

const state: State = { kind: "EnteringMaintenance", since: 0, deadline: 60_000 };
const next = reconcile(state, { replicasDrained: false }, 60_000);
console.log(next?.kind); // DrainFailed
