import { replayPacked, reconcileFleet, replay } from "mesh-maintenance";
const n = 1_000_000;
const kind = new Uint8Array(n), at = new Float64Array(n), param = new Float64Array(n);
const cycle = [[0, NaN], [3, 3], [1, 0], [3, 4], [3, 0]];
for (let i = 0; i < n; i++) { const [k, p] = cycle[i % 5]; kind[i] = k; param[i] = p; at[i] = i * 100000; }
for (let r = 0; r < 3; r++) {
  const t = performance.now();
  const res = replayPacked({ kind, at, param });
  const ms = performance.now() - t;
  console.log("packed 1M", ms.toFixed(1), "ms", (n / ms / 1000).toFixed(1), "M/s", res.state.kind, res.applied, res.unchanged, res.rejected.length);
}
const m = 100_000;
const fleet = { kind: new Uint8Array(m).fill(1), since: new Float64Array(m), deadline: new Float64Array(m).fill(1000), conditions: new Uint8Array(m) };
for (let r = 0; r < 3; r++) {
  const t = performance.now();
  const res = reconcileFleet(fleet, 500);
  console.log("fleet 100k", (performance.now() - t).toFixed(2), "ms", res.changed.length);
}
