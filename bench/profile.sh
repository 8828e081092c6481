#!/usr/bin/env bash
# The profiles behind BENCHMARKS.md's analysis: a copy of pkg/ whose wasm
# keeps its function names (bound with --keep-debug, no wasm-opt) and whose
# JavaScript is not minified, a scenario under `node --cpu-prof`, and the
# functions with the most self time.
#   bench/profile.sh transition|apply|packed|fleet
set -euo pipefail
cd "$(dirname "$0")/.."
scenario="${1:-transition}"
out="target/profile"
rm -rf "$out" && mkdir -p "$out"
cp -r pkg "$out/pkg"
wasm-bindgen --keep-debug --target web --out-dir "$out/pkg/web" target/wasm32-unknown-unknown/release/mesh_maintenance_wasm.wasm
cp wasm/js/api.js wasm/js/protocol.js wasm/js/verify.js "$out/pkg/"
node --cpu-prof --cpu-prof-dir="$out/cpu" bench/profile-scenario.mjs "$out/pkg/node.mjs" "$scenario"
node -e '
const fs = require("fs");
const dir = process.argv[1];
const profile = JSON.parse(fs.readFileSync(dir + "/" + fs.readdirSync(dir)[0]));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
for (const id of profile.samples) {
  const name = byId.get(id).callFrame.functionName.replace(/::h[0-9a-f]{16}/, "").replace(/\[[0-9a-f]{16}\]/g, "") || "(anonymous)";
  self.set(name, (self.get(name) ?? 0) + 1);
}
const total = profile.samples.length;
for (const [name, count] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
  console.log(`${(100 * count / total).toFixed(1).padStart(5)}%  ${name.slice(0, 110)}`);
}' "$out/cpu"
