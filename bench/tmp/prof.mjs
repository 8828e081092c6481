import { replayPacked, initSync } from "/tmp/pkgprof/node.mjs";
const n = 1_000_000;
const kind = new Uint8Array(n), at = new Float64Array(n), param = new Float64Array(n);
const cycle = [[0, NaN], [3, 3], [1, 0], [3, 4], [3, 0]];
for (let i = 0; i < n; i++) { const [k, p] = cycle[i % 5]; kind[i] = k; param[i] = p; at[i] = i * 400000; }
for (let r = 0; r < 10; r++) replayPacked({ kind, at, param });
