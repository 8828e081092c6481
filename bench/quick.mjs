import { transition, isValidSuccessor, rank } from "mesh-maintenance";
const s = { kind: "Maintenance", since: 5 }, e = { type: "ExitMaintenance" };
const time = (label, fn) => {
  for (let round = 0; round < 2; round++) {
    const n = 100000; const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn();
    if (round) console.log(label, (Number(process.hrtime.bigint() - t) / n).toFixed(0), "ns/op");
  }
};
time("rank", () => rank(s));
time("isValidSuccessor", () => isValidSuccessor(s, s));
time("transition", () => transition(s, e, 1000));
