import { replay } from "mesh-maintenance";

const chain = [
  { at: 0, event: { type: "EnterMaintenance" } },
  { at: 10, event: { type: "ExitMaintenance" } }, // too early: rejected
] as const;
const result = replay([...chain]);
console.log(result.state.kind, result.rejected.map((r) => r.verdict.code)); // EnteringMaintenance [ "INVALID_TRANSITION" ]
